import { apiPaths } from '@dlthub/api-schema';
import { aliceToken, api, bobApiKey, demoSeed, moduleJob, tempDir, uploadCode } from './__fixtures__/harness';
import { startControlPlane, type RunningControlPlane } from './server';

jest.setTimeout(120_000);

const sleeper = 'import time\nif __name__ == "__main__":\n    print("sleeping", flush=True)\n    time.sleep(600)\n';
const code = { 'nap.py': sleeper, 'doze.py': sleeper, 'quick.py': 'if __name__ == "__main__":\n    print("done")\n' };

describe('POST …/runs/cancel: every active run of the named jobs in one request', () => {
  let plane: RunningControlPlane;
  let cleanup: () => void;
  let workspace: string;
  let analytics: string;
  const call = (method: string, path: string, body?: unknown, token = aliceToken) =>
    api(plane.url, method, path, { token, body });
  const bulkCancel = (body: unknown, token = aliceToken, ws = workspace) =>
    call('POST', apiPaths.workspaceRunsCancel(ws), body, token);
  const statusOf = async (runId: string) => (await call('GET', apiPaths.workspaceRun(workspace, runId))).body.status;

  /** Starts a run and waits until its program printed, so the cancel stops a live process. */
  async function startSleeping(job: string): Promise<string> {
    const triggered = await call('POST', apiPaths.workspaceRuns(workspace), { job });
    expect(triggered.body).toMatchObject({ status: 'triggered' });
    const runId: string = triggered.body.run.id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const logs = await call('GET', apiPaths.workspaceRunLogs(workspace, runId));
      if (logs.body.items.some((line: { content: string }) => line.content === 'sleeping')) return runId;
      if (Date.now() > deadline) throw new Error(`run ${runId} of ${job} never printed: ${JSON.stringify(logs.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function waitUntilEnded(runId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!['completed', 'failed', 'cancelled'].includes(await statusOf(runId))) {
      if (Date.now() > deadline) throw new Error(`run ${runId} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir('cp-cancel-'));
    plane = await startControlPlane({ dataDir: `${dir}/data`, seed: demoSeed });
    const list = await call('GET', apiPaths.workspaces());
    const byName = (name: string) => list.body.items.find((w: { name: string }) => w.name === name).id;
    workspace = byName('marketing');
    analytics = byName('analytics');
    await uploadCode(plane.url, workspace, dir, code);
    const deployed = await call('POST', apiPaths.workspaceDeploy(workspace), {
      // nap may run twice at once, so one request stops several runs of one job.
      jobs: [moduleJob('nap', { execute: { concurrency: null } }), moduleJob('doze'), moduleJob('quick')],
    });
    expect(deployed.body.added).toHaveLength(3);
  });
  afterAll(async () => {
    await plane?.close();
    cleanup();
  });

  it('stops every active run of the jobs (by ref or id), says why in each log, and leaves other jobs alone', async () => {
    const quick = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.quick' });
    await waitUntilEnded(quick.body.run.id);
    const napRuns = [await startSleeping('jobs.nap'), await startSleeping('jobs.nap')];
    const dozeRun = await startSleeping('jobs.doze');
    const dozeId = (await call('GET', apiPaths.workspaceJob(workspace, 'jobs.doze'))).body.id;

    const answer = await bulkCancel({ jobs: ['jobs.nap', dozeId, 'jobs.quick'] });
    expect(answer.status).toBe(200);
    const cancelled: { id: string; job_ref: string; number: number; status: string; reason: string }[] =
      answer.body.cancelled;
    expect(cancelled.map((run) => [run.job_ref, run.number, run.status, run.reason])).toEqual([
      ['jobs.nap', 1, 'cancelled', 'cancelled on request'],
      ['jobs.nap', 2, 'cancelled', 'cancelled on request'],
      ['jobs.doze', 1, 'cancelled', 'cancelled on request'],
    ]);
    expect(cancelled.map((run) => run.id)).toEqual([...napRuns, dozeRun]);
    for (const runId of [...napRuns, dozeRun]) {
      expect(await statusOf(runId)).toBe('cancelled');
      const logs = await call('GET', apiPaths.workspaceRunLogs(workspace, runId));
      expect(logs.body.items.map((line: { content: string }) => line.content)).toContainEqual(
        expect.stringMatching(/^Run cancelled on request: stopping the job \(SIGTERM, SIGKILL after \d+ s\)$/),
      );
    }
    // quick had no active run: its ended run stays as it was.
    expect(await statusOf(quick.body.run.id)).toBe('completed');

    // Nothing active any more: an empty answer, not an error; the single-run cancel refuses the ended run.
    expect(await bulkCancel({ jobs: ['jobs.nap', 'jobs.doze'] })).toMatchObject({
      status: 200,
      body: { cancelled: [] },
    });
    const refused = await call('POST', apiPaths.workspaceRunCancel(workspace, dozeRun));
    expect(refused).toMatchObject({
      status: 409,
      body: { detail: 'Run # 1 is already in a terminal state: cancelled.' },
    });
  });

  it('refuses a bad body with 400 and what is wrong, before looking at any job', async () => {
    for (const [body, detail] of [
      [{}, 'Invalid body: body.jobs: '],
      [{ jobs: [] }, 'Invalid body: body.jobs: '],
      [{ jobs: 'jobs.nap' }, 'Invalid body: body.jobs: '],
      [{ jobs: [''] }, 'Invalid body: body.jobs.0: '],
    ] as const) {
      const answer = await bulkCancel(body);
      expect(answer.status).toBe(400);
      expect(answer.body.detail).toContain(detail);
    }
    const notJson = await bulkCancel('{"jobs": [');
    expect(notJson.status).toBe(400);
  });

  it("an unknown job, another workspace's job or another tenant's workspace stop nothing", async () => {
    const running = await startSleeping('jobs.doze');
    const unknown = await bulkCancel({ jobs: ['jobs.doze', 'jobs.nope'] });
    expect(unknown).toMatchObject({
      status: 404,
      body: { detail: `Job jobs.nope not found in workspace ${workspace}.` },
    });
    // analytics (same organization) has its own jobs; they are not marketing's.
    const elsewhere = await bulkCancel({ jobs: ['daily_load'] });
    expect(elsewhere.status).toBe(404);
    const analyticsJobs = await call('GET', apiPaths.workspaceJobs(analytics));
    expect(analyticsJobs.body.items.map((job: { name: string }) => job.name)).toContain('daily_load');
    // Bob belongs to another organization: alice's workspace does not exist for him.
    const foreign = await bulkCancel({ jobs: ['jobs.doze'] }, bobApiKey);
    expect(foreign.status).toBe(404);
    expect(await statusOf(running)).toBe('running');
    expect((await bulkCancel({ jobs: ['jobs.doze'] })).body.cancelled.map((run: { id: string }) => run.id)).toEqual([
      running,
    ]);
  });
});
