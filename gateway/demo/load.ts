import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../api';
import type { Runtime } from '../runtime';

/** The demo dataset README lists: loaded on the first start of the embedded database. */
export const demoDocumentPath = join(__dirname, 'demo-data.json');

export function loadDemoData(runtime: Pick<Runtime, 'importer' | 'config'>) {
  return importDocument(runtime.importer, runtime.config.defaultCountry, JSON.parse(readFileSync(demoDocumentPath, 'utf8')));
}

export const demoAdminEmail = 'admin@demo.fieldline';

/** The demo's admin operator, made on the first start with a fresh password that is shown once. */
export async function createDemoAdmin(runtime: Pick<Runtime, 'operators' | 'passwords' | 'clock'>): Promise<{ email: string; password: string } | null> {
  const password = randomBytes(12).toString('base64url');
  const made = await runtime.operators.create(
    { email: demoAdminEmail, passwordHash: await runtime.passwords.hash(password), role: 'admin', person: null },
    runtime.clock.now(),
  );
  return made === 'email-taken' || made === 'unknown-person' ? null : { email: demoAdminEmail, password };
}
