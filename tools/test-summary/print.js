// `node print.js --reset` clears recorded counts before a run; without flags it prints the total
// of every project's Jest run as the closing line of `npm test`.
const fs = require('node:fs');
const path = require('node:path');

const resultsDir = path.join(__dirname, '../../.nx/test-results');

if (process.argv.includes('--reset')) {
  fs.rmSync(resultsDir, { recursive: true, force: true });
  process.exit(0);
}

const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir).filter((name) => name.endsWith('.json')) : [];
const runs = files.map((name) => JSON.parse(fs.readFileSync(path.join(resultsDir, name), 'utf8')));
const total = (key) => runs.reduce((sum, run) => sum + run[key], 0);
const seconds = (value) => `${Math.round(value ?? 0)} s`;
for (const run of runs.sort((a, b) => a.project.localeCompare(b.project))) {
  console.log(`  ${run.project}: ${run.passed} passed, ${run.failed} failed (${seconds(run.seconds)})`);
}
// The slowest test files are where a long CI run is shortened first.
const slowest = runs
  .flatMap((run) => run.files ?? [])
  .sort((a, b) => b.seconds - a.seconds)
  .slice(0, 10);
if (slowest.length > 0) console.log('Slowest test files:');
for (const file of slowest) console.log(`  ${seconds(file.seconds)}  ${file.file}`);
const skipped = total('skipped');
console.log(`Tests in ${runs.length} projects:`);
console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = runs.length === 0 || total('failed') > 0 ? 1 : 0;
