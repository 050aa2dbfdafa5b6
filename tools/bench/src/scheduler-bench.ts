/**
 * The scheduler engine (@dlthub/scheduler) over its in-memory store with 1,000 jobs on `every:1m`, driven through
 * one simulated hour by a controlled clock (no real waiting). Each run completes 20 simulated seconds after it
 * starts, so concurrency gates and run-finished events are exercised as in production.
 *
 * Reported: scheduler CPU time (user + system) per simulated hour, and the fire delay against the due time.
 * The bench clock stands still between timers in simulated time but moves with real time while a timer's work
 * runs, so a fire's delay is the real time the scheduler took to reach it after its due time.
 * Two layouts: activations spread over the first minute (one wake per job per minute) and all jobs activated at
 * once (1,000 fires due at the same instant, the worst burst). The in-run baseline is a bare loop over the same
 * jobs doing the same due-time arithmetic without the engine, so the ratio says what the engine's bookkeeping costs.
 */
import { InMemorySchedulerStore, Scheduler, type Clock, type JobDefinition } from '@dlthub/scheduler';
import type { Benchmark } from './benchmark';

const JOBS = 1000;
const PERIOD_MS = 60_000;
const RUN_MS = 20_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

/** Simulated time that advances with real time while a timer's callback runs. */
class BenchClock implements Clock {
  private simulatedMs: number;
  private callbackStartedNs: bigint | undefined;
  private timers: { at: number; callback: () => unknown }[] = [];

  constructor(startMs: number) {
    this.simulatedMs = startMs;
  }

  now(): Date {
    const realMs =
      this.callbackStartedNs === undefined ? 0 : Number(process.hrtime.bigint() - this.callbackStartedNs) / 1e6;
    return new Date(this.simulatedMs + realMs);
  }

  setTimer(at: Date, callback: () => unknown): () => void {
    // Kept sorted by time (FIFO among equal times) so the clock's own bookkeeping stays out of the measured CPU time.
    const timer = { at: at.getTime(), callback };
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.timers[middle].at <= timer.at) low = middle + 1;
      else high = middle;
    }
    this.timers.splice(low, 0, timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  async runUntil(endMs: number): Promise<number> {
    let wakes = 0;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > endMs) break;
      this.timers.shift();
      this.simulatedMs = Math.max(this.simulatedMs, next.at);
      this.callbackStartedNs = process.hrtime.bigint();
      await next.callback();
      this.simulatedMs = this.now().getTime();
      this.callbackStartedNs = undefined;
      wakes++;
    }
    this.simulatedMs = Math.max(this.simulatedMs, endMs);
    return wakes;
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

interface LayoutResult {
  cpuMs: number;
  fires: number;
  triggered: number;
  wakes: number;
  delays: number[];
}

async function simulate(layout: 'spread' | 'burst', hours: number): Promise<LayoutResult> {
  const clock = new BenchClock(T0);
  const store = new InMemorySchedulerStore();
  // A deterministic spread: job i activated i*60ms into the first minute.
  for (let index = 0; index < JOBS; index++) {
    const definition: JobDefinition = { job_ref: `jobs.bench.j${index}`, triggers: ['every:1m'] };
    store.addJob(definition, new Date(T0 + (layout === 'spread' ? (index * PERIOD_MS) / JOBS : 0)));
  }
  // The runner: every run completes RUN_MS after it was created.
  const claim = store.claimFire.bind(store);
  store.claimFire = async (fire) => {
    const result = await claim(fire);
    if (result.claimed && result.runId) {
      const runId = result.runId;
      const endAt = new Date(fire.firedAt.getTime() + RUN_MS);
      clock.setTimer(endAt, () => store.setRunStatus(runId, 'completed', endAt));
    }
    return result;
  };
  const scheduler = new Scheduler({
    store,
    clock,
    onError: (error) => {
      throw error;
    },
  });
  const cpuBefore = process.cpuUsage();
  scheduler.start();
  const wakes = await clock.runUntil(T0 + hours * 3600_000);
  await scheduler.idle();
  scheduler.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const delays = store.fires.map((fire) => fire.firedAt.getTime() - fire.dueAt.getTime()).sort((a, b) => a - b);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000 / hours,
    fires: store.fires.length,
    triggered: store.fires.filter((fire) => fire.status === 'triggered').length,
    wakes,
    delays,
  };
}

/** The same due-time arithmetic for the same jobs and wakes, without the engine, store or runs. */
function baselineCpuMs(hours: number): number {
  const activated = Array.from({ length: JOBS }, (_, index) => T0 + (index * PERIOD_MS) / JOBS);
  const lastFire = new Float64Array(JOBS);
  let sink = 0;
  const cpuBefore = process.cpuUsage();
  for (let now = T0; now <= T0 + hours * 3600_000; now += PERIOD_MS / JOBS) {
    for (let index = 0; index < JOBS; index++) {
      const latest = Math.floor((now - activated[index]) / PERIOD_MS);
      const due = activated[index] + latest * PERIOD_MS;
      if (latest >= 1 && due > lastFire[index]) {
        lastFire[index] = due;
        sink++;
      }
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (sink < 0) throw new Error('unreachable');
  return (cpu.user + cpu.system) / 1000 / hours;
}

function describe(label: string, result: LayoutResult): string[] {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return [
    `${label.padEnd(8)} CPU ${ms(result.cpuMs).padStart(11)} per simulated hour   fires ${result.fires} (triggered ${result.triggered})   wakes ${result.wakes}`,
    `${''.padEnd(8)} fire delay vs due time: p50 ${ms(percentile(result.delays, 0.5))}  p99 ${ms(percentile(result.delays, 0.99))}  max ${ms(result.delays.at(-1) ?? 0)}`,
  ];
}

export const schedulerBenchmark: Benchmark = {
  name: 'scheduler',
  description: `${JOBS} jobs on every:1m through a simulated hour on a controlled clock (in-memory store)`,
  async run({ quick }) {
    const hours = quick ? 0.25 : 1;
    await simulate('spread', 0.05); // warm-up: JIT and caches
    const spread = await simulate('spread', hours);
    const burst = await simulate('burst', hours);
    const baseline = baselineCpuMs(hours);
    const ratio = spread.cpuMs / Math.max(baseline, 0.001);
    const endMs = hours * 3600_000;
    // Job i (spread) is activated i*60ms into the first minute and fires each full period after that.
    const expectedSpread = Array.from({ length: JOBS }, (_, index) =>
      Math.floor((endMs - (index * PERIOD_MS) / JOBS) / PERIOD_MS),
    ).reduce((sum, count) => sum + count, 0);
    const expectedBurst = Math.floor(endMs / PERIOD_MS) * JOBS;
    const ok = spread.triggered === expectedSpread && burst.triggered === expectedBurst;
    return {
      ratio,
      lines: [
        ...describe('spread', spread),
        ...describe('burst', burst),
        `baseline bare due-time loop  CPU ${baseline.toFixed(2)} ms per simulated hour`,
        `scheduler/baseline CPU ratio (spread)  ${ratio.toFixed(1)}×   fires triggered ${ok ? 'all due (ok)' : `FAILED: expected ${expectedSpread} spread, ${expectedBurst} burst`}`,
      ],
    };
  },
};
