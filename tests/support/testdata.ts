import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/testdata: real-world vectors read in place (see its README); tests that need them skip when it is absent. */
export const testdataDir = join(__dirname, '..', '..', '..', 'shared', 'testdata');
export const hasTestdata = existsSync(testdataDir);

export function readTestdata<T>(file: string): T {
  return JSON.parse(readFileSync(join(testdataDir, file), 'utf8')) as T;
}

export const describeWithTestdata = hasTestdata ? describe : describe.skip;
