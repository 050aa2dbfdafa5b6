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
 *
 * Then the same burst on a real local control plane (`startControlPlane` on SQLite in a temp dir, the 1,000 jobs
 * deployed through its API): every fire is a database transaction that records the fire and its run, and every run
 * end is written back and read by the follow-up listener. Its executor is simulated (each run completes 20 simulated
 * seconds after it starts) instead of starting 60,000 Python processes; the baseline for it is the in-memory burst.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlaneOptions } from '@dlthub/control-plane';
import { buildCodePackage } from '@dlthub/deployment';
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
      if ((this.timers[middle]?.at ?? Infinity) <= timer.at) low = middle + 1;
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
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
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
      const activatedAt = activated[index] ?? T0;
      const latest = Math.floor((now - activatedAt) / PERIOD_MS);
      const due = activatedAt + latest * PERIOD_MS;
      if (latest >= 1 && due > (lastFire[index] ?? 0)) {
        lastFire[index] = due;
        sink++;
      }
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (sink < 0) throw new Error('unreachable');
  return (cpu.user + cpu.system) / 1000 / hours;
}

type Executor = NonNullable<ControlPlaneOptions['executor']>;
type RunRequest = Parameters<Executor['start']>[0];
type RunHandle = ReturnType<Executor['start']>;
type RunRecord = Awaited<RunHandle['finished']>;

/** Runs that complete `RUN_MS` of simulated time after they start, reported as the real runner reports them. */
class SimulatedExecutor implements Executor {
  constructor(private readonly clock: BenchClock) {}

  start(request: RunRequest): RunHandle {
    const startedAt = this.clock.now().toISOString();
    const record = (status: RunRecord['status'], endedAt: string | null): RunRecord => ({
      run_id: request.runId ?? '',
      job_ref: request.job.job_ref,
      job_type: 'batch',
      status,
      trigger: request.trigger ?? '',
      profile: 'prod',
      run_dir: null,
      command: null,
      pid: null,
      exit_code: status === 'completed' ? 0 : null,
      signal: null,
      reason: null,
      url: null,
      port: null,
      interval_start: request.interval?.start ?? null,
      interval_end: request.interval?.end ?? null,
      time_created: startedAt,
      time_started: startedAt,
      time_ended: endedAt,
      duration: endedAt ? RUN_MS / 1000 : null,
    });
    let current = record('running', null);
    let finish: (value: RunRecord) => void = () => undefined;
    const finished = new Promise<RunRecord>((resolve) => (finish = resolve));
    request.observer?.onStatus?.(current);
    const endAt = new Date(this.clock.now().getTime() + RUN_MS);
    this.clock.setTimer(endAt, () => {
      current = record('completed', endAt.toISOString());
      request.observer?.onStatus?.(current);
      finish(current);
    });
    return {
      runId: current.run_id,
      record: () => current,
      logs: () => [],
      started: Promise.resolve(current),
      finished,
      cancel: () => finished,
    };
  }

  async close(): Promise<void> {}
}

/** The burst layout on a real control plane (SQLite): fires and runs go through its store and run service. */
async function simulateControlPlane(hours: number): Promise<LayoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scheduler-'));
  const token = 'dlthub_at_bench_scheduler_0123456789abcdef';
  const clock = new BenchClock(T0);
  const plane = await startControlPlane({
    dataDir: join(dir, 'data'),
    clock,
    executor: new SimulatedExecutor(clock),
    seed: {
      users: [{ username: 'bench' }],
      organizations: [{ name: 'bench', members: [{ username: 'bench', role: 'owner' }], workspaces: [{ name: 'w' }] }],
      tokens: [{ username: 'bench', token }],
    },
  });
  try {
    const call = async (method: string, path: string, body: unknown, contentType = 'application/json') => {
      const response = await fetch(new URL(path, plane.url), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body:
          body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : (body as Buffer),
      });
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items?: { id: string }[] };
    };
    const workspace = (await call('GET', '/api/v1/workspaces', undefined)).items![0]!.id;
    const source = join(dir, 'code');
    mkdirSync(source);
    writeFileSync(join(source, 'job.py'), 'if __name__ == "__main__":\n    pass\n');
    const pkg = await buildCodePackage(source);
    await call('POST', `/api/v1/workspaces/${workspace}/deployments`, pkg.tarball, 'application/gzip');
    const jobs = Array.from({ length: JOBS }, (_, index) => ({
      job_ref: `jobs.bench.j${index}`,
      entry_point: { module: 'job', function: `j${index}`, job_type: 'batch', launcher: 'bench' },
      triggers: ['every:1m'],
      execute: {},
    }));
    await call('POST', `/api/v1/workspaces/${workspace}/deploy`, { jobs });
    const cpuBefore = process.cpuUsage();
    const wakes = await clock.runUntil(T0 + hours * 3600_000);
    await plane.scheduler.idle();
    const cpu = process.cpuUsage(cpuBefore);
    const fires = await plane.store.read((tx) => tx.list('schedule_fires'));
    const delays = fires.map((fire) => Date.parse(fire.fired_at) - Date.parse(fire.due_at)).sort((a, b) => a - b);
    return {
      cpuMs: (cpu.user + cpu.system) / 1000 / hours,
      fires: fires.length,
      triggered: fires.filter((fire) => fire.status === 'triggered').length,
      wakes,
      delays,
    };
  } finally {
    await plane.close();
    rmSync(dir, { recursive: true, force: true });
  }
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
    const controlPlane = await simulateControlPlane(hours);
    const baseline = baselineCpuMs(hours);
    const ratio = spread.cpuMs / Math.max(baseline, 0.001);
    const endMs = hours * 3600_000;
    // Job i (spread) is activated i*60ms into the first minute and fires each full period after that.
    const expectedSpread = Array.from({ length: JOBS }, (_, index) =>
      Math.floor((endMs - (index * PERIOD_MS) / JOBS) / PERIOD_MS),
    ).reduce((sum, count) => sum + count, 0);
    const expectedBurst = Math.floor(endMs / PERIOD_MS) * JOBS;
    const ok = spread.triggered === expectedSpread && burst.triggered === expectedBurst;
    const planeOk = controlPlane.triggered === expectedBurst;
    return {
      ratio,
      lines: [
        ...describe('spread', spread),
        ...describe('burst', burst),
        ...describe('control plane (SQLite)', controlPlane),
        `baseline bare due-time loop  CPU ${baseline.toFixed(2)} ms per simulated hour`,
        `control plane/in-memory burst CPU ratio  ${(controlPlane.cpuMs / Math.max(burst.cpuMs, 0.001)).toFixed(1)}×   fires triggered ${planeOk ? 'all due (ok)' : `FAILED: expected ${expectedBurst}, got ${controlPlane.triggered}`}`,
        `scheduler/baseline CPU ratio (spread)  ${ratio.toFixed(1)}×   fires triggered ${ok ? 'all due (ok)' : `FAILED: expected ${expectedSpread} spread, ${expectedBurst} burst`}`,
      ],
    };
  },
};
