import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../api';
import type { Runtime } from '../runtime';

/** The demo dataset README lists: loaded on the first start of the embedded database. */
export const demoDocumentPath = join(__dirname, 'demo-data.json');

export function loadDemoData(runtime: Pick<Runtime, 'importer' | 'config'>) {
  return importDocument(runtime.importer, runtime.config.defaultCountry, JSON.parse(readFileSync(demoDocumentPath, 'utf8')));
}
