/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it runs before any TypeScript loader is there */
// `npm start`: the compiled build (dist/, `npm run build`) when it is there and no source is newer
// than it, else the TypeScript sources through tsx. Compiled, a web process answers webhooks about
// 1.3× faster and starts in less memory (tests/bench/results.md); a fresh clone needs no build step.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const built = join(root, 'dist', 'gateway', 'main.js');
const sources = ['gateway', 'commands', 'dialogs', 'domain', 'adapters'];

/** The newest modification time among the sources (what the build compiles and copies), in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|sql|json|css|js)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map((dir) => newestSource(join(root, dir))));
if (fresh) {
  require(built);
} else {
  require('tsx/cjs');
  require(join(root, 'gateway', 'main.ts'));
}
