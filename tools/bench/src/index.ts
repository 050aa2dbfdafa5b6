export type { Benchmark, BenchReport } from './benchmark';
export {
  configBenchmark,
  runConfigBench,
  resolveEverything,
  openEverything,
  parseEverything,
  CONFIG_RATIO_TARGET,
} from './config-bench';
export { generateWorkspace, benchRegistry, BENCH_PROFILES, type GeneratedWorkspace } from './generate-workspace';
export { median, time, peakRssBytes, memoryPeak, formatMb, type Timing } from './measure';
