/** Timing and memory helpers shared by the benchmarks: medians of repeated runs, peak RSS and heap. */

export interface Timing {
  medianMs: number;
  minMs: number;
  samplesMs: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface MemoryPeak {
  heapUsedBytes: number;
  /** Passed around as a callback, so bound to its peak. */
  sample: () => void;
}

export function memoryPeak(): MemoryPeak {
  const peak = {
    heapUsedBytes: process.memoryUsage().heapUsed,
    sample: () => {
      peak.heapUsedBytes = Math.max(peak.heapUsedBytes, process.memoryUsage().heapUsed);
    },
  };
  return peak;
}

/** Runs `task` `warmup` times unmeasured, then `iterations` times; returns the median. */
export function time(task: () => void, options: { warmup: number; iterations: number; onSample?: () => void }): Timing {
  for (let index = 0; index < options.warmup; index++) task();
  const samplesMs: number[] = [];
  for (let index = 0; index < options.iterations; index++) {
    const start = process.hrtime.bigint();
    task();
    samplesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    options.onSample?.();
  }
  return { medianMs: median(samplesMs), minMs: Math.min(...samplesMs), samplesMs };
}

/** Peak resident set size of this process so far (Node reports kilobytes). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
