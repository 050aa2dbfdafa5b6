/** The shape every benchmark module exports, so `run.ts` can list and run them. */

export interface BenchReport {
  /** Lines printed under the benchmark's name. */
  lines: string[];
  /** Measured / baseline, when the benchmark has an in-run baseline. */
  ratio?: number;
  /** The ratio the benchmark aims to stay under. */
  target?: number;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: { quick: boolean }): Promise<BenchReport> | BenchReport;
}
