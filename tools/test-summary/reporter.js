// Jest reporter: records each project's test counts and times so `npm test` can close with one total
// line and show where the time went.
const fs = require('node:fs');
const path = require('node:path');

const resultsDir = path.join(__dirname, '../../.nx/test-results');

class SummaryReporter {
  constructor(globalConfig) {
    // One Jest run per project: its folder names it (packages/config-core, tools/e2e, …).
    this.rootDir = path.join(__dirname, '../..');
    this.project = path.relative(this.rootDir, globalConfig.rootDir) || '.';
  }

  onRunComplete(_contexts, results) {
    fs.mkdirSync(resultsDir, { recursive: true });
    const counts = {
      project: this.project,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      seconds: (Date.now() - results.startTime) / 1000,
      files: results.testResults.map((file) => ({
        file: path.relative(this.rootDir, file.testFilePath),
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
      })),
    };
    fs.writeFileSync(path.join(resultsDir, `${this.project.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify(counts));
  }
}

module.exports = SummaryReporter;
