import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** gateway/ is the composition root and the HTTP surface: its reads and writes go through the Store, the operators' reads and the operations. */
describe('gateway/ has no SQL', () => {
  const root = join(__dirname, '..', '..', 'gateway');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') || file.endsWith('.tsx'));
  const sqlText = /\b(select\s+[\w*"(]|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+(table|schema|index))\b/i;

  test.each(files)('%s runs no query and holds no statement', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const found = source.split('\n').flatMap((line, i) => (/\.query\s*[<(]/.test(line) || sqlText.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
    expect(found).toEqual([]);
  });
});
