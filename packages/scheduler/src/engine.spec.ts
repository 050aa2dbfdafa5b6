import { at, harness, T0 } from './__fixtures__/harness';
import type { JobDefinition } from './job';
import type { ClaimResult, FireClaim, SchedulerStore } from './port';

const job = (ref: string, extra: Partial<JobDefinition> = {}): JobDefinition => ({
  job_ref: ref,
  entry_point: { job_type: 'batch' },
  ...extra,
});

describe('clock triggers', () => {
  it('fires a cron job at each tick and not between, with contiguous windows', async () => {
    const h = harness([job('jobs.q', { triggers: ['schedule:*/15 * * * *'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:14:59Z');
    expect(h.runsOf('jobs.q')).toHaveLength(0);
    for (const minute of ['15', '30', '45']) {
      await h.clock.advanceTo(`2026-03-02T00:${minute}:00Z`);
      await h.finishAll();
      await h.clock.advanceTo(`2026-03-02T00:${minute}:59Z`);
    }
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    const runs = h.runsOf('jobs.q');
    expect(runs.map((run) => run.dueAt.toISOString())).toEqual([
      '2026-03-02T00:15:00.000Z',
      '2026-03-02T00:30:00.000Z',
      '2026-03-02T00:45:00.000Z',
      '2026-03-02T01:00:00.000Z',
    ]);
    expect(runs.map((run) => [run.context.interval_start, run.context.interval_end])).toEqual([
      ['2026-03-02T00:00:00+00:00', '2026-03-02T00:15:00+00:00'],
      ['2026-03-02T00:15:00+00:00', '2026-03-02T00:30:00+00:00'],
      ['2026-03-02T00:30:00+00:00', '2026-03-02T00:45:00+00:00'],
      ['2026-03-02T00:45:00+00:00', '2026-03-02T01:00:00+00:00'],
    ]);
    expect(runs.every((run) => run.context.trigger === 'schedule:*/15 * * * *')).toBe(true);
    expect(runs.map((run) => run.context.refresh)).toEqual([true, false, false, false]);
    expect(h.errors).toEqual([]);
  });

  it("evaluates cron in the job's require.timezone, across a DST change", async () => {
    const h = harness([job('jobs.tz', { triggers: ['schedule:0 9 * * *'], require: { timezone: 'Europe/Berlin' } })]);
    h.scheduler.start();
    for (let day = 2; day <= 30; day++) {
      await h.clock.advanceTo(`2026-03-${String(day).padStart(2, '0')}T12:00:00Z`);
      await h.finishAll();
    }
    const due = h.runsOf('jobs.tz').map((run) => run.dueAt.toISOString());
    expect(due).toHaveLength(29);
    // 09:00 CET is 08:00Z; from 29 March (CEST) it is 07:00Z.
    expect(due.slice(0, 1)).toEqual(['2026-03-02T08:00:00.000Z']);
    expect(due.slice(-3)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(h.runsOf('jobs.tz')[27]?.context).toMatchObject({
      interval_start: '2026-03-28T08:00:00+00:00',
      interval_end: '2026-03-29T07:00:00+00:00',
      interval_timezone: 'Europe/Berlin',
    });
  });

  it('fires every: one period after deploy, then each period', async () => {
    const h = harness([job('jobs.e', { triggers: ['every:10m'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:09:59Z');
    expect(h.runsOf('jobs.e')).toHaveLength(0);
    await h.clock.advanceTo('2026-03-02T00:10:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T00:25:00Z');
    const runs = h.runsOf('jobs.e');
    expect(runs.map((run) => run.dueAt.toISOString())).toEqual([
      '2026-03-02T00:10:00.000Z',
      '2026-03-02T00:20:00.000Z',
    ]);
    expect(runs[0]?.context).toMatchObject({
      trigger: 'every:10m',
      interval_start: '2026-03-02T00:00:00+00:00',
      interval_end: '2026-03-02T00:10:00+00:00',
    });
    expect(runs[1]?.context.interval_start).toBe('2026-03-02T00:10:00+00:00');
  });

  it('fires once: at its time, exactly once, with an empty window; a past time fires at deploy', async () => {
    const h = harness([
      job('jobs.later', { triggers: ['once:2026-03-02T00:05:00+00:00'] }),
      job('jobs.past', { triggers: ['once:2026-01-01T00:00:00+00:00'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:00:00Z');
    expect(h.runsOf('jobs.past')).toHaveLength(1);
    expect(h.runsOf('jobs.later')).toHaveLength(0);
    await h.clock.advanceTo('2026-03-02T00:05:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-03T00:00:00Z');
    expect(h.runsOf('jobs.later')).toHaveLength(1);
    expect(h.runsOf('jobs.past')).toHaveLength(1);
    expect(h.runsOf('jobs.later')[0]?.context).toMatchObject({
      trigger: 'once:2026-03-02T00:05:00+00:00',
      interval_start: '2026-03-02T00:05:00+00:00',
      interval_end: '2026-03-02T00:05:00+00:00',
    });
  });
});

describe('follow-ups', () => {
  it('fires a chain A → B → C in order with the follow-up trigger in each run context', async () => {
    const h = harness([
      job('jobs.c', { triggers: ['job.success:jobs.b'] }),
      job('jobs.b', { triggers: ['job.success:jobs.a'] }),
      job('jobs.a', { triggers: ['schedule:0 * * * *'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    expect(h.store.runs().map((run) => run.jobRef)).toEqual(['jobs.a']);
    await h.clock.advanceTo('2026-03-02T01:02:00Z');
    await h.finish('jobs.a', 'completed');
    expect(h.store.runs().map((run) => run.jobRef)).toEqual(['jobs.a', 'jobs.b']);
    await h.clock.advanceTo('2026-03-02T01:07:00Z');
    await h.finish('jobs.b', 'completed');
    const runs = h.store.runs();
    expect(runs.map((run) => [run.jobRef, run.context.trigger])).toEqual([
      ['jobs.a', 'schedule:0 * * * *'],
      ['jobs.b', 'job.success:jobs.a'],
      ['jobs.c', 'job.success:jobs.b'],
    ]);
    expect(runs[1]?.dueAt.toISOString()).toBe('2026-03-02T01:02:00.000Z');
    expect(runs[2]?.context.interval_start).toBe('2026-03-02T01:07:00+00:00');
  });

  it('fires a fail follow-up only when the upstream fails', async () => {
    const h = harness([
      job('jobs.a', { triggers: ['every:1h'] }),
      job('jobs.alert', { triggers: ['job.fail:jobs.a'] }),
      job('jobs.after', { triggers: ['job.success:jobs.a', 'job.fail:jobs.a'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    await h.finish('jobs.a', 'completed');
    expect(h.runsOf('jobs.alert')).toHaveLength(0);
    expect(h.runsOf('jobs.after').map((run) => run.context.trigger)).toEqual(['job.success:jobs.a']);
    await h.finish('jobs.after', 'completed');
    await h.clock.advanceTo('2026-03-02T02:00:00Z');
    await h.finish('jobs.a', 'failed');
    expect(h.runsOf('jobs.alert').map((run) => run.context.trigger)).toEqual(['job.fail:jobs.a']);
    expect(h.runsOf('jobs.after').map((run) => run.context.trigger)).toEqual(['job.success:jobs.a', 'job.fail:jobs.a']);
    await h.clock.advanceTo('2026-03-02T03:00:00Z');
    await h.finish('jobs.a', 'cancelled');
    expect(h.runsOf('jobs.alert')).toHaveLength(1);
  });
});

describe('gates', () => {
  it('skips an overlapping fire under execute.concurrency 1, with the reason', async () => {
    const h = harness([
      job('jobs.one', { triggers: ['every:1m'] }),
      job('jobs.two', { triggers: ['every:1m'], execute: { concurrency: 2 } }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:02:00Z');
    expect(h.runsOf('jobs.one')).toHaveLength(1);
    expect(h.runsOf('jobs.two')).toHaveLength(2);
    const skipped = h.firesOf('jobs.one')[1];
    expect(skipped).toMatchObject({ status: 'skipped_concurrency_limit', dueAt: at('2026-03-02T00:02:00Z') });
    expect(skipped?.reasons).toEqual(['jobs.one has 1 active run(s); execute.concurrency is 1']);
    expect(skipped?.runId).toBeUndefined();
  });

  it('skips a job until its freshness upstream is fresh, naming the reason', async () => {
    const h = harness([
      job('jobs.up', { triggers: ['schedule:0 * * * *'] }),
      job('jobs.down', { triggers: ['schedule:30 * * * *'], freshness: ['job.is_fresh:jobs.up'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:30:00Z');
    expect(h.firesOf('jobs.down').at(-1)).toMatchObject({
      status: 'skipped_fresh',
      reasons: ['upstream jobs.up has no completed runs'],
    });
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    await h.clock.advanceTo('2026-03-02T01:30:00Z');
    expect(h.firesOf('jobs.down').at(-1)).toMatchObject({
      status: 'skipped_upstream_pending',
      reasons: ['upstream jobs.up has a run in progress'],
    });
    await h.clock.advanceTo('2026-03-02T01:45:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T02:00:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T02:30:00Z');
    expect(h.firesOf('jobs.down').at(-1)).toMatchObject({ status: 'triggered' });
    await h.finish('jobs.down', 'completed');
    await h.clock.advanceTo('2026-03-02T03:00:00Z');
    await h.finish('jobs.up', 'failed');
    await h.clock.advanceTo('2026-03-02T03:30:00Z');
    expect(h.firesOf('jobs.down').at(-1)).toMatchObject({
      status: 'skipped_fresh',
      reasons: ['upstream jobs.up last run not completed (failed)'],
    });
  });

  it('skips an every job whose upstream missed a period', async () => {
    const h = harness([
      job('jobs.up', { triggers: ['every:1h'] }),
      job('jobs.down', { triggers: ['schedule:30 * * * *'], freshness: ['job.is_fresh:jobs.up'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    await h.finishAll();
    await h.scheduler.pause(['jobs.up']);
    await h.clock.advanceTo('2026-03-02T01:30:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T02:30:00Z');
    expect(h.firesOf('jobs.down').map((fire) => fire.status)).toEqual(['skipped_fresh', 'triggered', 'skipped_fresh']);
    expect(h.firesOf('jobs.down')[2]?.reasons).toEqual([
      'upstream jobs.up has a missing run (last 5400s ago, period 3600s)',
    ]);
  });
});

describe('intervals', () => {
  it('backfills from a declared interval.start on the first tick, then continues tick by tick', async () => {
    const h = harness([
      job('jobs.daily', { triggers: ['schedule:0 0 * * *'], interval: { start: '2026-02-25T10:00:00Z' } }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-03T00:00:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-04T00:00:00Z');
    expect(h.runsOf('jobs.daily').map((run) => [run.context.interval_start, run.context.interval_end])).toEqual([
      ['2026-02-25T00:00:00+00:00', '2026-03-03T00:00:00+00:00'],
      ['2026-03-03T00:00:00+00:00', '2026-03-04T00:00:00+00:00'],
    ]);
  });

  it('backfills a failed tick on the next one and halts past interval.end', async () => {
    const h = harness([
      job('jobs.h', {
        triggers: ['schedule:0 * * * *'],
        interval: { start: T0.toISOString(), end: '2026-03-02T03:30:00Z' },
      }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    await h.finishAll('completed');
    await h.clock.advanceTo('2026-03-02T02:00:00Z');
    await h.finishAll('failed');
    await h.clock.advanceTo('2026-03-02T03:00:00Z');
    await h.finishAll('completed');
    await h.clock.advanceTo('2026-03-02T04:00:00Z');
    const runs = h.runsOf('jobs.h');
    expect(runs.map((run) => [run.context.interval_start, run.context.interval_end])).toEqual([
      ['2026-03-02T00:00:00+00:00', '2026-03-02T01:00:00+00:00'],
      ['2026-03-02T01:00:00+00:00', '2026-03-02T02:00:00+00:00'],
      ['2026-03-02T01:00:00+00:00', '2026-03-02T03:00:00+00:00'],
    ]);
    expect(h.firesOf('jobs.h').at(-1)).toMatchObject({
      status: 'skipped_out_of_interval',
      reasons: ['past interval.end 2026-03-02T03:00:00.000Z'],
    });
  });

  it('gives manual runs of a schedule job the gap up to the last elapsed tick, normally empty', async () => {
    const h = harness([job('jobs.s', { triggers: ['schedule:0 * * * *'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T01:20:00Z');
    const [manual] = await h.scheduler.trigger(['manual:jobs.s']);
    expect(h.runsOf('jobs.s').at(-1)!.context).toMatchObject({
      trigger: 'manual:jobs.s',
      interval_start: '2026-03-02T01:00:00+00:00',
      interval_end: '2026-03-02T01:00:00+00:00',
    });
    expect(manual?.status).toBe('triggered');
  });
});

describe('pause, resume, archive', () => {
  it('does not fire a paused job; a resumed one fires from the next tick, without catching up', async () => {
    const h = harness([job('jobs.p', { triggers: ['every:1m'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:01:00Z');
    await h.finishAll();
    expect(await h.scheduler.pause(['p'])).toEqual(['jobs.p']);
    await h.clock.advanceTo('2026-03-02T00:10:30Z');
    expect(h.runsOf('jobs.p')).toHaveLength(1);
    expect(await h.scheduler.resume(['schedule', 'every'])).toEqual(['jobs.p']);
    await h.clock.advanceTo('2026-03-02T00:10:59Z');
    expect(h.runsOf('jobs.p')).toHaveLength(1);
    await h.clock.advanceTo('2026-03-02T00:11:00Z');
    const runs = h.runsOf('jobs.p');
    expect(runs.map((run) => run.dueAt.toISOString())).toEqual([
      '2026-03-02T00:01:00.000Z',
      '2026-03-02T00:11:00.000Z',
    ]);
    // the window still reaches back to the last completed run, so no data is lost by pausing
    expect(runs[1]?.context.interval_start).toBe('2026-03-02T00:01:00+00:00');
  });

  it('stops firing an archived job while its runs and fires stay', async () => {
    const h = harness([job('jobs.old', { triggers: ['every:1m'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:01:00Z');
    await h.finishAll();
    await h.clock.advanceTo('2026-03-02T00:02:00Z');
    await h.finishAll();
    const id = h.id('jobs.old');
    h.store.archiveJob(id);
    await h.clock.advanceTo('2026-03-02T01:00:00Z');
    expect(h.store.runs(id)).toHaveLength(2);
    expect(h.store.firesOf(id)).toHaveLength(2);
    await expect(h.scheduler.trigger(['jobs.old'])).rejects.toThrow("Job 'jobs.old' not found");
  });
});

describe('explicit triggers and refresh', () => {
  it('fires every job with a tag, with the tag trigger in the run context', async () => {
    const h = harness([
      job('jobs.x', { expose: { tags: ['nightly'] } }),
      job('jobs.y', { expose: { tags: ['nightly', 'ingest'] }, triggers: ['every:1h'] }),
      job('jobs.z', { expose: { tags: ['ingest'] } }),
    ]);
    const fires = await h.scheduler.trigger(['tag:nightly']);
    expect(fires.map((fire) => [fire.jobRef, fire.trigger, fire.status])).toEqual([
      ['jobs.x', 'tag:nightly', 'triggered'],
      ['jobs.y', 'tag:nightly', 'triggered'],
    ]);
    expect(h.runsOf('jobs.y')[0]?.context.trigger).toBe('tag:nightly');
  });

  it('fires a job by name with its default trigger, upstreams first, once per request id', async () => {
    const h = harness([
      job('jobs.etl.down', { triggers: ['job.success:jobs.etl.up'] }),
      job('jobs.etl.up', { triggers: ['every:1h'] }),
    ]);
    const fires = await h.scheduler.trigger(['down', 'etl.up'], { requestId: 'r1' });
    expect(fires.map((fire) => [fire.jobRef, fire.trigger])).toEqual([
      ['jobs.etl.up', 'every:1h'],
      ['jobs.etl.down', 'manual:jobs.etl.down'],
    ]);
    expect(await h.scheduler.trigger(['down', 'etl.up'], { requestId: 'r1' })).toEqual([]);
  });

  it('cascades refresh along freshness edges: auto passes, block stops, always originates', async () => {
    const h = harness([
      job('jobs.a', { refresh_propagation: 'auto' }),
      job('jobs.b', { freshness: ['job.is_fresh:jobs.a'] }),
      job('jobs.c', { freshness: ['job.is_fresh:jobs.b'], refresh_propagation: 'block' }),
      job('jobs.d', { freshness: ['job.is_fresh:jobs.b'] }),
      job('jobs.e', { freshness: ['job.is_fresh:jobs.c'] }),
    ]);
    h.scheduler.start();
    const refreshOf = (ref: string) => h.runsOf(ref).at(-1)!.context.refresh;
    const round = async (refresh = false) => {
      for (const ref of ['jobs.a', 'jobs.b', 'jobs.c', 'jobs.d', 'jobs.e']) {
        await h.scheduler.trigger([ref], { refresh: refresh && ref === 'jobs.a' });
        await h.finish(ref, 'completed');
      }
    };
    await round();
    expect(['jobs.a', 'jobs.b', 'jobs.c', 'jobs.d', 'jobs.e'].map(refreshOf)).toEqual([true, true, true, true, true]);
    await round();
    expect(['jobs.a', 'jobs.b', 'jobs.c', 'jobs.d', 'jobs.e'].map(refreshOf)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    await round(true);
    expect(['jobs.a', 'jobs.b', 'jobs.c', 'jobs.d', 'jobs.e'].map(refreshOf)).toEqual([true, true, false, true, false]);
    const [blocked] = await h.scheduler.trigger(['jobs.c'], { refresh: true });
    expect(blocked?.reasons).toEqual(["refresh ignored: jobs.c has refresh_propagation 'block'"]);
    expect(refreshOf('jobs.c')).toBe(false);
  });

  it('an always job marks its downstream to refresh after every completed run', async () => {
    const h = harness([
      job('jobs.src', { refresh_propagation: 'always' }),
      job('jobs.dst', { freshness: ['job.is_fresh:jobs.src'] }),
    ]);
    h.scheduler.start();
    for (let index = 0; index < 3; index++) {
      await h.scheduler.trigger(['jobs.src']);
      await h.finish('jobs.src', 'completed');
      await h.scheduler.trigger(['jobs.dst']);
      await h.finish('jobs.dst', 'completed');
    }
    expect(h.runsOf('jobs.dst').map((run) => run.context.refresh)).toEqual([true, true, true]);
    expect(h.runsOf('jobs.src').map((run) => run.context.refresh)).toEqual([true, false, false]);
  });
});

/** A store whose claimFire dies, before or after committing, as a process killed mid-fire would. */
function crashingStore(store: SchedulerStore, when: 'before-commit' | 'after-commit'): SchedulerStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'claimFire') return Reflect.get(target, property, receiver);
      return async (claim: FireClaim): Promise<ClaimResult> => {
        if (when === 'after-commit') await target.claimFire(claim);
        throw new Error('scheduler process died');
      };
    },
  });
}

describe('restarts and several instances', () => {
  it('fires ticks missed while down once on start, covering the gap', async () => {
    const h = harness([job('jobs.q', { triggers: ['schedule:*/15 * * * *'] })]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:15:00Z');
    await h.finishAll();
    h.scheduler.stop();
    await h.clock.advanceTo('2026-03-02T01:05:00Z');
    expect(h.runsOf('jobs.q')).toHaveLength(1);
    const restarted = h.newScheduler();
    restarted.start();
    await h.clock.advance(0);
    const runs = h.runsOf('jobs.q');
    expect(runs).toHaveLength(2);
    expect(runs[1]?.dueAt.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(runs[1]?.context).toMatchObject({
      interval_start: '2026-03-02T00:15:00+00:00',
      interval_end: '2026-03-02T01:00:00+00:00',
    });
    expect(h.firesOf('jobs.q')[1]?.reasons).toEqual(['catch-up: one fire for 3 due times missed since the last fire']);
    await h.finishAll('completed', restarted);
    await h.clock.advanceTo('2026-03-02T01:15:00Z');
    expect(
      h
        .runsOf('jobs.q')
        .map((run) => run.dueAt.toISOString())
        .at(-1),
    ).toBe('2026-03-02T01:15:00.000Z');
  });

  it('restart during a due fire: a fire that did not commit runs once after restart; a committed one never again', async () => {
    for (const when of ['before-commit', 'after-commit'] as const) {
      const h = harness([job('jobs.r', { triggers: ['every:1m'] })]);
      const dying = new (h.scheduler.constructor as typeof import('./engine').Scheduler)({
        store: crashingStore(h.store, when),
        clock: h.clock,
        onError: () => undefined,
      });
      dying.start();
      await h.clock.advanceTo('2026-03-02T00:01:00Z');
      dying.stop();
      expect(h.runsOf('jobs.r')).toHaveLength(when === 'after-commit' ? 1 : 0);
      await h.clock.advanceTo('2026-03-02T00:01:30Z');
      const restarted = h.newScheduler();
      restarted.start();
      await h.clock.advance(0);
      const runs = h.runsOf('jobs.r');
      expect(runs.map((run) => run.dueAt.toISOString())).toEqual(['2026-03-02T00:01:00.000Z']);
      expect(h.errors).toEqual([]);
      restarted.stop();
    }
  });

  it('two instances sharing one store fire each tick exactly once', async () => {
    const definitions = [
      ...Array.from({ length: 20 }, (_, index) => job(`jobs.e${index}`, { triggers: ['every:1m'] })),
      job('jobs.cron', { triggers: ['*/5 * * * *'.replace(/^/, 'schedule:')] }),
      job('jobs.follow', { triggers: ['job.success:jobs.cron'] }),
    ];
    const h = harness(definitions);
    const other = h.newScheduler();
    h.scheduler.start();
    other.start();
    for (let minute = 1; minute <= 30; minute++) {
      await h.clock.advanceTo(new Date(T0.getTime() + minute * 60_000));
      // both scan the same instant explicitly too, racing on the shared store
      await Promise.all([h.scheduler.scan(), other.scan()]);
      await h.finishAll('completed', h.scheduler, other);
    }
    for (let index = 0; index < 20; index++) {
      const due = h.runsOf(`jobs.e${index}`).map((run) => run.dueAt.getTime());
      expect(due).toEqual(Array.from({ length: 30 }, (_, k) => T0.getTime() + (k + 1) * 60_000));
    }
    expect(h.runsOf('jobs.cron')).toHaveLength(6);
    expect(h.runsOf('jobs.follow')).toHaveLength(6);
    expect(h.store.fires.every((fire) => fire.status === 'triggered')).toBe(true);
    expect(h.errors).toEqual([]);
  });
});

describe('scopes (workspaces)', () => {
  it('keeps job refs, follow-ups, tags and freshness inside their scope', async () => {
    const h = harness([]);
    const clock = h.clock;
    const upstreamA = h.store.addJob(job('jobs.up', { triggers: ['every:1h'] }), clock.now(), 'ws-a');
    h.store.addJob(job('jobs.up', { triggers: ['every:1h'] }), clock.now(), 'ws-b');
    const followerA = h.store.addJob(job('jobs.down', { triggers: ['job.success:jobs.up'] }), clock.now(), 'ws-a');
    const followerB = h.store.addJob(
      job('jobs.down', { triggers: ['job.success:jobs.up'], expose: { tags: ['t'] } }),
      clock.now(),
      'ws-b',
    );
    const run = await h.scheduler.trigger(['jobs.up'], { scope: 'ws-a', profile: 'prod', requestedBy: 'u1' });
    expect(run.map((fire) => fire.jobId)).toEqual([upstreamA]);
    h.store.setRunStatus(run[0]!.runId!, 'completed', clock.now());
    await h.scheduler.handleRunFinished(h.store.runs(upstreamA)[0]!);
    expect(h.store.runs(followerA).map((each) => each.context.trigger)).toEqual(['job.success:jobs.up']);
    expect(h.store.runs(followerB)).toEqual([]);
    const tagged = await h.scheduler.trigger(['tag:t'], { scope: 'ws-a' });
    expect(tagged).toEqual([]);
    expect((await h.scheduler.trigger(['tag:t'], { scope: 'ws-b' })).map((fire) => fire.jobId)).toEqual([followerB]);
  });
});

describe('errors', () => {
  it('reports a broken job and keeps firing the others', async () => {
    const h = harness([
      job('jobs.badzone', { triggers: ['every:1m'], require: { timezone: 'Mars/Olympus' } }),
      job('jobs.badbound', { triggers: ['schedule:* * * * *'], interval: { start: 'last tuesday' } }),
      job('jobs.good', { triggers: ['every:1m'] }),
    ]);
    h.scheduler.start();
    await h.clock.advanceTo('2026-03-02T00:01:00Z');
    expect(h.runsOf('jobs.good')).toHaveLength(1);
    expect(h.runsOf('jobs.badbound')).toHaveLength(0);
    expect(h.runsOf('jobs.badzone')).toHaveLength(0);
    expect(h.errors.map((error) => (error as Error).message)).toEqual([
      "jobs.badzone (every:1m): Invalid require.timezone 'Mars/Olympus' of jobs.badzone",
      "jobs.badbound (schedule:* * * * *): Invalid interval.start 'last tuesday' of jobs.badbound: not an ISO 8601 timestamp",
    ]);
  });
});
