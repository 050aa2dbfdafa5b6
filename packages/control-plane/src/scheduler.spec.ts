import { apiPaths } from '@dlthub/api-schema';
import { ManualClock } from '@dlthub/scheduler';
import { T0, createGoFile, printed, startSchedulingPlane, type SchedulingPlane } from './__fixtures__/scheduling';
import { bobApiKey, moduleJob, tempDir } from './__fixtures__/harness';

jest.setTimeout(120_000);

const at = (time: string) => `2026-03-02T${time}Z`;

describe('the control plane fires jobs on their own (controlled clock, real python3 jobs)', () => {
  let dir: string;
  let cleanup: () => void;
  let s: SchedulingPlane;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir('cp-sched-'));
  });
  afterEach(async () => {
    await s?.plane.close();
    cleanup();
  });

  const start = async (jobs: unknown[]) => {
    s = await startSchedulingPlane(dir, new ManualClock(T0));
    const deployed = await s.deploy(jobs);
    expect(deployed.status).toBe(200);
  };

  it('fires a cron job at each tick and not between; the trigger and window reach the job', async () => {
    await start([moduleJob('tick', { triggers: ['schedule:*/15 * * * *'] })]);
    await s.advanceTo(at('00:14:59'));
    expect(await s.runsOf('jobs.tick')).toEqual([]);
    await s.advanceTo(at('00:15:00'));
    await s.advanceTo(at('00:29:59'));
    expect(await s.runsOf('jobs.tick')).toHaveLength(1);
    await s.advanceTo(at('00:30:00'));
    const runs = await s.runsOf('jobs.tick');
    expect(runs.map((run) => [run.number, run.status, run.trigger, run.interval_start, run.interval_end])).toEqual([
      [1, 'completed', 'schedule:*/15 * * * *', '2026-03-02T00:00:00.000Z', '2026-03-02T00:15:00.000Z'],
      [2, 'completed', 'schedule:*/15 * * * *', '2026-03-02T00:15:00.000Z', '2026-03-02T00:30:00.000Z'],
    ]);
    expect(await printed(s, runs[1]!)).toBe(
      'schedule:*/15 * * * * 2026-03-02T00:15:00+00:00 2026-03-02T00:30:00+00:00',
    );
  });

  it('fires every: each period from deploy, and once: exactly once at its time', async () => {
    await start([
      moduleJob('tick', { triggers: ['every:5m'] }),
      moduleJob('other', { triggers: ['once:2026-03-02T00:07:00+00:00'] }),
    ]);
    for (const time of [
      '00:04:59',
      '00:05:00',
      '00:07:00',
      '00:10:00',
      '00:15:00',
      '00:20:00',
      '00:25:00',
      '00:30:00',
    ]) {
      await s.advanceTo(at(time));
    }
    const every = await s.runsOf('jobs.tick');
    expect(every.map((run) => run.interval_end)).toEqual(
      ['00:05', '00:10', '00:15', '00:20', '00:25', '00:30'].map((time) => `2026-03-02T${time}:00.000Z`),
    );
    const once = await s.runsOf('jobs.other');
    expect(once.map((run) => [run.trigger, run.interval_start, run.interval_end])).toEqual([
      ['once:2026-03-02T00:07:00+00:00', '2026-03-02T00:07:00.000Z', '2026-03-02T00:07:00.000Z'],
    ]);
  });

  it('fires a follow-up chain A → B → C in order, each run with its own trigger in its context', async () => {
    await start([
      moduleJob('c', { triggers: ['job.success:jobs.b'] }),
      moduleJob('b', { triggers: ['job.success:jobs.a'] }),
      moduleJob('a', { triggers: ['every:10m'] }),
    ]);
    await s.advanceTo(at('00:10:00'));
    const all = await s.call('GET', `${apiPaths.workspaceRuns(s.workspace)}?limit=100`);
    const inOrder = [...all.body.items].reverse();
    expect(inOrder.map((run: { job_ref: string; trigger: string }) => [run.job_ref, run.trigger])).toEqual([
      ['jobs.a', 'every:10m'],
      ['jobs.b', 'job.success:jobs.a'],
      ['jobs.c', 'job.success:jobs.b'],
    ]);
    const [a, b, c] = inOrder;
    expect(await printed(s, a)).toMatch(/^every:10m 2026-03-02T00:00:00\+00:00 2026-03-02T00:10:00\+00:00$/);
    expect(await printed(s, b)).toMatch(/^job\.success:jobs\.a /);
    expect(await printed(s, c)).toMatch(/^job\.success:jobs\.b /);
  });

  it('fires a fail follow-up only when its upstream fails', async () => {
    await start([
      moduleJob('good', { triggers: ['every:10m'] }),
      moduleJob('never', { triggers: ['job.fail:jobs.good'] }),
      moduleJob('bad', { triggers: ['every:10m'] }),
      moduleJob('onfail', { triggers: ['job.fail:jobs.bad'] }),
    ]);
    await s.advanceTo(at('00:10:00'));
    expect((await s.runsOf('jobs.good')).map((run) => run.status)).toEqual(['completed']);
    expect((await s.runsOf('jobs.bad')).map((run) => run.status)).toEqual(['failed']);
    expect(await s.runsOf('jobs.never')).toEqual([]);
    const onfail = await s.runsOf('jobs.onfail');
    expect(onfail.map((run) => [run.trigger, run.status])).toEqual([['job.fail:jobs.bad', 'completed']]);
  });

  it('skips a fire that overlaps a running run under execute.concurrency 1, with the reason; the next one backfills', async () => {
    await start([moduleJob('waiter', { triggers: ['every:5m'] })]);
    await s.clock.advanceTo(at('00:05:00'));
    await s.clock.advanceTo(at('00:10:00'));
    const fires = await s.call('GET', apiPaths.workspaceJobFires(s.workspace, 'jobs.waiter'));
    expect(fires.body.items.map((fire: { due_at: string; status: string }) => [fire.due_at, fire.status])).toEqual([
      ['2026-03-02T00:10:00.000Z', 'skipped_concurrency_limit'],
      ['2026-03-02T00:05:00.000Z', 'triggered'],
    ]);
    expect(fires.body.items[0].reasons).toEqual([
      'jobs.waiter allows 1 active run(s) (execute.concurrency) and has 1: #1.',
    ]);
    // A page is read from the store, newest first: the second of one is the older fire.
    const older = await s.call('GET', `${apiPaths.workspaceJobFires(s.workspace, 'jobs.waiter')}?limit=1&offset=1`);
    expect(older.body).toMatchObject({
      total: 2,
      limit: 1,
      offset: 1,
      items: [{ due_at: '2026-03-02T00:05:00.000Z', status: 'triggered' }],
    });
    createGoFile(s);
    await s.settle();
    await s.advanceTo(at('00:15:00'));
    const runs = await s.runsOf('jobs.waiter');
    expect(runs.map((run) => [run.status, run.interval_start, run.interval_end])).toEqual([
      ['completed', '2026-03-02T00:00:00.000Z', '2026-03-02T00:05:00.000Z'],
      ['completed', '2026-03-02T00:05:00.000Z', '2026-03-02T00:15:00.000Z'],
    ]);
  });

  it('does not fire a paused job; resumed, it fires from the next tick without catching up', async () => {
    await start([moduleJob('tick', { triggers: ['every:5m'] })]);
    await s.advanceTo(at('00:05:00'));
    const paused = await s.call('POST', apiPaths.workspaceJobPause(s.workspace, 'jobs.tick'));
    expect(paused.body).toMatchObject({ name: 'jobs.tick', paused: true, active: true });
    expect((await s.call('GET', apiPaths.workspaceJob(s.workspace, 'jobs.tick'))).body.paused).toBe(true);
    await s.advanceTo(at('00:10:00'));
    await s.advanceTo(at('00:17:00'));
    expect(await s.runsOf('jobs.tick')).toHaveLength(1);
    const resumed = await s.call('POST', apiPaths.workspaceJobResume(s.workspace, 'jobs.tick'));
    expect(resumed.body.paused).toBe(false);
    await s.advanceTo(at('00:19:59'));
    expect(await s.runsOf('jobs.tick')).toHaveLength(1);
    await s.advanceTo(at('00:20:00'));
    const runs = await s.runsOf('jobs.tick');
    // One fire at the next tick; its window continues from the last completed run.
    expect(runs.map((run) => [run.interval_start, run.interval_end])).toEqual([
      ['2026-03-02T00:00:00.000Z', '2026-03-02T00:05:00.000Z'],
      ['2026-03-02T00:05:00.000Z', '2026-03-02T00:20:00.000Z'],
    ]);
  });

  it('stops firing jobs archived by a re-deploy and by re-binding; their run history stays', async () => {
    await start([moduleJob('keep', { triggers: ['every:5m'] }), moduleJob('drop', { triggers: ['every:5m'] })]);
    await s.advanceTo(at('00:05:00'));
    const redeployed = await s.deploy([moduleJob('keep', { triggers: ['every:5m'] })]);
    expect(redeployed.body.archived).toEqual(['jobs.drop']);
    await s.advanceTo(at('00:10:00'));
    expect(await s.runsOf('jobs.keep')).toHaveLength(2);
    expect((await s.runsOf('jobs.drop')).map((run) => run.status)).toEqual(['completed']);
    const repository = 'git@example.test:acme/sched.git';
    expect((await s.call('PUT', apiPaths.workspaceRepository(s.workspace), { repository })).status).toBe(200);
    const workspaces = await s.call('GET', apiPaths.workspaces());
    const analytics = workspaces.body.items.find((w: { name: string }) => w.name === 'analytics').id;
    const moved = await s.call('PUT', apiPaths.workspaceRepository(analytics), { repository });
    expect(moved.body).toMatchObject({ previous_workspace_id: s.workspace, deactivated_jobs: 1 });
    await s.advanceTo(at('00:20:00'));
    expect(await s.runsOf('jobs.keep')).toHaveLength(2);
    expect(await s.runsOf('jobs.drop')).toHaveLength(1);
  });

  it('restart: ticks missed while down fire once on start, covering the gap; a committed fire never again', async () => {
    await start([moduleJob('tick', { triggers: ['schedule:*/10 * * * *'] })]);
    await s.advanceTo(at('00:10:00'));
    await s.restart(new ManualClock(at('00:45:00')));
    let runs = await s.runsOf('jobs.tick');
    expect(runs.map((run) => [run.status, run.interval_start, run.interval_end])).toEqual([
      ['completed', '2026-03-02T00:00:00.000Z', '2026-03-02T00:10:00.000Z'],
      ['completed', '2026-03-02T00:10:00.000Z', '2026-03-02T00:40:00.000Z'],
    ]);
    const fires = await s.call('GET', apiPaths.workspaceJobFires(s.workspace, 'jobs.tick'));
    expect(fires.body.items[0]).toMatchObject({
      due_at: '2026-03-02T00:40:00.000Z',
      status: 'triggered',
      reasons: ['catch-up: one fire for 3 due times missed since the last fire'],
    });
    // Started again at the same instant: the fire for 00:40 is committed, so nothing fires twice.
    await s.restart(new ManualClock(at('00:45:00')));
    expect(await s.runsOf('jobs.tick')).toHaveLength(2);
    await s.advanceTo(at('00:50:00'));
    runs = await s.runsOf('jobs.tick');
    expect(runs.map((run) => run.interval_end)).toEqual(
      ['00:10', '00:40', '00:50'].map((time) => `2026-03-02T${time}:00.000Z`),
    );
  });

  it('fires every job with a tag from one request; pause, resume and trigger need a writer', async () => {
    await start([
      moduleJob('a', { expose: { tags: ['nightly'] } }),
      moduleJob('b', { expose: { tags: ['nightly', 'ingest'] } }),
      moduleJob('c', { expose: { tags: ['ingest'] } }),
    ]);
    const fired = await s.call('POST', apiPaths.workspaceJobsTrigger(s.workspace), { selectors: ['tag:nightly'] });
    expect(fired.status).toBe(201);
    expect(
      fired.body.triggered.map((t: { job_ref: string; trigger: string; status: string }) => [
        t.job_ref,
        t.trigger,
        t.status,
      ]),
    ).toEqual([
      ['jobs.a', 'tag:nightly', 'triggered'],
      ['jobs.b', 'tag:nightly', 'triggered'],
    ]);
    await s.settle();
    expect(await printed(s, (await s.runsOf('jobs.b'))[0]!)).toMatch(/^tag:nightly /);
    expect(await s.runsOf('jobs.c')).toEqual([]);
    const unknown = await s.call('POST', apiPaths.workspaceJobsTrigger(s.workspace), { selectors: ['nope'] });
    expect(unknown.status).toBe(404);
    // Another tenant sees none of it.
    const headers = { authorization: `Bearer ${bobApiKey}` };
    for (const path of [
      apiPaths.workspaceJobPause(s.workspace, 'jobs.a'),
      apiPaths.workspaceJobResume(s.workspace, 'jobs.a'),
      apiPaths.workspaceJobsTrigger(s.workspace),
    ]) {
      const response = await fetch(new URL(path, s.plane.url), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ selectors: ['tag:nightly'] }),
      });
      expect(response.status).toBe(404);
    }
  });
});
