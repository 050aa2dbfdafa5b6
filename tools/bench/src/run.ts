#!/usr/bin/env node
/**
 * `npm run bench [-- <name>...] [--quick]`: runs the registered benchmarks and prints their reports.
 * Add a benchmark by exporting a `Benchmark` from its own module and listing it in BENCHMARKS.
 */
import type { Benchmark } from './benchmark';
import { cliBenchmark } from './cli-bench';
import { configBenchmark } from './config-bench';
import { controlPlaneBenchmark } from './control-plane-bench';
import { deployBenchmark } from './deploy-bench';
import { nxBenchmark } from './nx-bench';
import { schedulerBenchmark } from './scheduler-bench';
import { validateBenchmark } from './validate-bench';

export const BENCHMARKS: readonly Benchmark[] = [
  configBenchmark,
  validateBenchmark,
  cliBenchmark,
  nxBenchmark,
  controlPlaneBenchmark,
  schedulerBenchmark,
  deployBenchmark,
];

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const wanted = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = wanted.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown benchmark(s): ${unknown.join(', ')}. Available: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`,
    );
    return 2;
  }
  for (const benchmark of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    process.stdout.write(`== ${benchmark.name}: ${benchmark.description}\n`);
    const report = await benchmark.run({ quick });
    for (const line of report.lines) process.stdout.write(`  ${line}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
