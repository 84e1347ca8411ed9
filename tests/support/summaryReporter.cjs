/**
 * Prints the plain closing line CI reads in any language ("tests: N passed, N failed, N skipped"),
 * after jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stderr.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
