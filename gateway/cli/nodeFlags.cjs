// `npm start`'s node flags, by PROCESS_ROLE: printed for the start script (`node $(node gateway/cli/nodeFlags.cjs) …`,
// V8's heap is sized when node starts, so a process cannot choose its own), and read by the benchmarks.
// --max-old-space-size=256: without a cap V8 lets garbage pile up to ~450 MB of heap under load before it collects.
// --max-semi-space-size, the young generation, where what a message allocates lives and dies:
//   - 4 MB in a web process: a webhook's garbage is short-lived, and its RSS stays under 120 MB;
//   - 16 MB where replies are worked out (worker, all): replies in flight outlive a 4 MB young generation's
//     collections and are copied and promoted, so the garbage collector took 13-19 % of the process's CPU
//     under the benchmark's load; with 16 MB, 5-8 % (tests/bench/profiles.md), for about 25-30 MB more RSS.

/** @param {string | undefined} role PROCESS_ROLE (all when unset) */
function nodeFlags(role) {
  return ['--max-old-space-size=256', `--max-semi-space-size=${role === 'web' ? 4 : 16}`];
}

module.exports = { nodeFlags };
if (require.main === module) console.log(nodeFlags(process.env.PROCESS_ROLE).join(' '));
