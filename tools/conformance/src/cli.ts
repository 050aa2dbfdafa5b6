#!/usr/bin/env node
/**
 * `npm run conformance -- [cases-dir]`: one line per case, then `N passed, M failed`; exit 0 only when M = 0.
 * Without an argument the cases come from DLTHUB_CONFORMANCE_CASES (see `cases-dir.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedCasesDir } from './cases-dir';
import { formatResult, formatSummary, runCases } from './runner';

function main(argv: string[]): number {
  // `npm run -w` changes directory to the package; resolve a relative argument against where the user ran npm.
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const casesDir = argv[0] ? path.resolve(invokedFrom, argv[0]) : sharedCasesDir();
  if (!fs.existsSync(casesDir) || !fs.statSync(casesDir).isDirectory()) {
    process.stderr.write(`Cases directory not found: ${casesDir}\nUsage: npm run conformance -- <cases-dir>\n`);
    return 2;
  }
  const summary = runCases(casesDir);
  for (const missing of summary.missingPlugins) process.stderr.write(`plugin not loaded: ${missing}\n`);
  for (const result of summary.results) process.stdout.write(`${formatResult(result)}\n`);
  process.stdout.write(`${formatSummary(summary)}\n`);
  return summary.failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
