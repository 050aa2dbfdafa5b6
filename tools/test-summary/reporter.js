// Jest reporter: records each project's test counts so `npm test` can close with one total line.
const fs = require('node:fs');
const path = require('node:path');

const resultsDir = path.join(__dirname, '../../.nx/test-results');

class SummaryReporter {
  constructor(globalConfig) {
    // One Jest run per project: its folder names it (packages/config-core, tools/e2e, …).
    this.project = path.relative(path.join(__dirname, '../..'), globalConfig.rootDir) || '.';
  }

  onRunComplete(_contexts, results) {
    fs.mkdirSync(resultsDir, { recursive: true });
    const counts = {
      project: this.project,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(resultsDir, `${this.project.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify(counts));
  }
}

module.exports = SummaryReporter;
