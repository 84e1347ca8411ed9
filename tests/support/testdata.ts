import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/testdata: real-world vectors read in place (see its README); tests that need them skip when it is absent. */
export const testdataDir = join(__dirname, '..', '..', '..', 'shared', 'testdata');
export const hasTestdata = existsSync(testdataDir);

export function readTestdata<T>(file: string): T {
  return JSON.parse(readFileSync(join(testdataDir, file), 'utf8')) as T;
}

/**
 * A describe block over ../shared/testdata, skipped when the folder is absent. Its body is not run
 * then (it reads the files while collecting its tests); one skipped test says why.
 */
export const describeWithTestdata = (name: string, body: () => void): void =>
  hasTestdata ? describe(name, body) : describe.skip(name, () => test(`needs ${testdataDir}`, () => undefined));
