/**
 * Prints the plain closing line CI reads in any language ("tests: N passed, N failed, N skipped")
 * as the very last line, after jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    // A suite that failed to run has no failed tests of its own, yet it failed.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
