import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths, type Run } from '@dlthub/api-schema';
import { ManualClock } from '@dlthub/scheduler';
import { aliceToken, api, demoSeed, dumpTables, moduleJob, tempDir } from './__fixtures__/harness';
import { T0, prepareWorkspace, settle } from './__fixtures__/scheduling';
import { startControlPlane, type RunningControlPlane } from './server';
import { startTestPostgres, type TestPostgres } from './testing/postgres';

jest.setTimeout(180_000);

describe('two control planes on one PostgreSQL database (a real server the test starts)', () => {
  let postgres: TestPostgres;
  let dir: string;
  let cleanup: () => void;
  const planes: RunningControlPlane[] = [];
  /** A run the first test leaves in the database, for the test after it. */
  let stored: { url: string; workspace: string; runId: string } | undefined;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-sched-pg-'));
    // No skip: when the server cannot start, this throws and the test fails with the reason.
    postgres = await startTestPostgres();
  });
  afterAll(async () => {
    for (const plane of planes) await plane.close();
    await postgres?.stop();
    cleanup?.();
  });

  it('fire each tick exactly once: the unique (job, fire key) claim decides which instance runs it', async () => {
    const databaseUrl = await postgres.createDatabase('scheduling');
    const secretsKeyFile = join(dir, 'secrets.key');
    writeFileSync(secretsKeyFile, Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 });
    const clocks = [new ManualClock(T0), new ManualClock(T0)];
    for (const [index, clock] of clocks.entries()) {
      planes.push(
        await startControlPlane({
          databaseUrl,
          secretsKeyFile,
          clock,
          runsDir: join(dir, `runs-${index}`),
          ...(index === 0 ? { seed: demoSeed } : {}),
        }),
      );
    }
    const [first, second] = planes as [RunningControlPlane, RunningControlPlane];
    const { workspace } = await prepareWorkspace(first, dir, join(dir, 'go'));
    const jobs = ['tick', 'other', 'a'].map((module) => moduleJob(module, { triggers: ['every:1m'] }));
    const deployed = await api(first.url, 'POST', apiPaths.workspaceDeploy(workspace), {
      token: aliceToken,
      body: { jobs },
    });
    expect(deployed.body.added).toHaveLength(3);
    // The other instance learns of the jobs on its own (its poll), not from the deploy's wake.
    second.scheduler.wake();
    for (let minute = 1; minute <= 5; minute++) {
      const tick = new Date(Date.parse(T0) + minute * 60_000);
      // Both instances reach the tick at the same time and race for every fire.
      await Promise.all(clocks.map((clock) => clock.advanceTo(tick)));
      await settle(planes, workspace);
    }
    const tables = await dumpTables(first.store);
    for (const job of tables.jobs.filter((each) => each.workspace_id === workspace)) {
      const fires = tables.schedule_fires.filter((fire) => fire.job_id === job.id);
      expect(fires.map((fire) => [fire.due_at, fire.status])).toEqual(
        [1, 2, 3, 4, 5].map((minute) => [`2026-03-02T00:0${minute}:00.000Z`, 'triggered']),
      );
      const runs = tables.runs.filter((run) => run.job_id === job.id);
      expect(runs.map((run) => [run.number, run.status, run.due_at])).toEqual(
        [1, 2, 3, 4, 5].map((minute) => [minute, 'completed', `2026-03-02T00:0${minute}:00.000Z`]),
      );
    }
    // Both instances answer with the same history.
    const [fromFirst, fromSecond] = await Promise.all(
      planes.map((plane) =>
        api(plane.url, 'GET', `${apiPaths.workspaceRuns(workspace)}?limit=100`, { token: aliceToken }),
      ),
    );
    expect(fromFirst!.body.total).toBe(15);
    expect((fromSecond!.body.items as Run[]).map((run) => run.id)).toEqual(
      (fromFirst!.body.items as Run[]).map((run) => run.id),
    );
    stored = { url: first.url, workspace, runId: (fromFirst!.body.items as Run[])[0]!.id };
  });

  it('refuses log line numbers and list offsets past 32-bit integers as bad queries (400), not database failures', async () => {
    if (!stored) throw new Error('needs the runs the test before made');
    const runLogs = apiPaths.workspaceRunLogs(stored.workspace, stored.runId);
    for (const query of [`after=${2 ** 31}`, 'offset=1e20']) {
      const refused = await api(stored.url, 'GET', `${runLogs}?${query}`, { token: aliceToken });
      expect([query, refused.status]).toEqual([query, 400]);
    }
    // The runs list pages in the database too.
    const runs = await api(stored.url, 'GET', `${apiPaths.workspaceRuns(stored.workspace)}?offset=1e20`, {
      token: aliceToken,
    });
    expect(runs.status).toBe(400);
    const page = await api(stored.url, 'GET', `${runLogs}?after=${2 ** 31 - 1}`, { token: aliceToken });
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([]);
  });
});
