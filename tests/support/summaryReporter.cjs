/**
 * Prints the plain closing line CI reads in any language ("tests: N passed, N failed, N skipped")
 * as the very last line, after jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
