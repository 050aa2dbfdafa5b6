/**
 * `dlthub job cancel <selector_or_job…> [--dry-run]` with the built binary against a real control-plane process:
 * every active run of the selected jobs (real python3 processes that sleep) is cancelled in one request;
 * `--dry-run` lists them and changes nothing; `job runs cancel` stays the single-run command.
 */
import { api, fixture, type Sandbox, sandbox, sharedPlatform } from './harness';

jest.setTimeout(120_000);

const SLEEPER = 'import time\nif __name__ == "__main__":\n    print("sleeping", flush=True)\n    time.sleep(600)\n';

const platform = sharedPlatform('dlthub-e2e-job-cancel-');
let shop: Sandbox;
let workspaceId: string;

const withKey = { env: { RUNTIME__API_KEY: fixture.aliceApiKey } };
const run = (args: string[]) => shop.run(args, withKey);
const runJson = (args: string[]) => shop.runJson(args, withKey);

interface RunRecord {
  id: string;
  job_ref: string;
  number: number;
  status: string;
  reason: string | null;
}

/** The runs of the workspace as the control plane stores them, oldest first. */
async function storedRuns(): Promise<RunRecord[]> {
  const page = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${workspaceId}/runs?limit=100`);
  expect(page.status).toBe(200);
  return (page.body.items as RunRecord[]).reverse();
}

/** Waits until the run's program is up (its process holds the run), so a cancel stops a live process. */
async function waitUntilRunning(runId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${workspaceId}/runs/${runId}`);
    if (found.body.status === 'running') return;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${found.body.status}, not running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startBoth(): Promise<RunRecord[]> {
  const fired = await runJson(['job', 'trigger', 'nap', 'doze']);
  expect(fired.results.map((result: { status: string }) => result.status)).toEqual(['triggered', 'triggered']);
  const runs: RunRecord[] = fired.results.map((result: { run: RunRecord }) => result.run);
  for (const started of runs) await waitUntilRunning(started.id);
  return runs;
}

beforeAll(async () => {
  shop = sandbox(platform.root, 'shop', platform.plane.url);
  shop.write(
    '__deployment__.py',
    '"""Naps."""\n\nimport nap\nimport doze\nimport quick\n\n__all__ = ["nap", "doze", "quick"]\n',
  );
  shop.write('nap.py', SLEEPER);
  shop.write('doze.py', SLEEPER);
  shop.write('quick.py', 'if __name__ == "__main__":\n    print("done")\n');
  const deployed = await runJson(['deploy', '--workspace', 'naps', '--org-id', platform.orgs.acme, '--create']);
  expect(deployed.reconcile.added).toEqual(expect.arrayContaining(['jobs.nap', 'jobs.doze', 'jobs.quick']));
  workspaceId = (await runJson(['job', 'list'])).workspace_id;
});

describe('job cancel', () => {
  it('with nothing active says so and exits 0, in text and --json', async () => {
    const text = await run(['job', 'cancel', 'nap', 'doze']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('No active runs of jobs.nap, jobs.doze; nothing to cancel.');
    expect(await runJson(['job', 'cancel', 'nap', 'doze'])).toEqual([]);
  });

  it('--dry-run lists the active runs of the jobs and changes nothing', async () => {
    const started = await startBoth();
    const dry = await run(['job', 'cancel', 'nap', 'doze', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('jobs.nap  run # 1  running\njobs.doze  run # 1  running\n');
    expect(dry.stderr).toContain('--dry-run: 2 run(s) would be cancelled; nothing was cancelled.');
    const dryJson = await runJson(['job', 'cancel', 'nap', 'doze', '--dry-run']);
    expect(dryJson.map((entry: RunRecord) => [entry.id, entry.status])).toEqual(
      started.map((entry) => [entry.id, 'running']),
    );
    expect((await storedRuns()).map((entry) => [entry.job_ref, entry.status])).toEqual([
      ['jobs.nap', 'running'],
      ['jobs.doze', 'running'],
    ]);
  });

  it('cancels the active runs of both jobs in one request and prints each; both end cancelled', async () => {
    const cancelled = await run(['job', 'cancel', 'nap', 'jobs.doze']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe('jobs.nap  run # 1  cancelled\njobs.doze  run # 1  cancelled\n');
    expect(cancelled.stderr).toContain('Cancelled 2 run(s).');
    expect((await storedRuns()).map((entry) => [entry.job_ref, entry.number, entry.status, entry.reason])).toEqual([
      ['jobs.nap', 1, 'cancelled', 'cancelled on request'],
      ['jobs.doze', 1, 'cancelled', 'cancelled on request'],
    ]);
    const logs = await run(['job', 'logs', 'nap', '1']);
    expect(logs.stdout).toBe('sleeping\n');
    expect(logs.stderr).toMatch(/Run cancelled on request: stopping the job \(SIGTERM, SIGKILL after \d+ s\)/);
    // The single-run command still refuses a run that ended.
    const again = await run(['job', 'runs', 'cancel', 'nap', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error: Run # 1 is already in a terminal state: cancelled\./);
  });

  it('selects jobs as job trigger does (a selector works) and --json prints the array of cancelled runs', async () => {
    const started = await startBoth();
    const quick = await runJson(['job', 'trigger', 'quick']);
    const followed = await run(['job', 'logs', 'quick', String(quick.results[0].run.number), '-f']);
    expect(followed.code).toBe(0);
    const cancelled = await runJson(['job', 'cancel', 'batch']);
    expect(cancelled.map((entry: RunRecord) => [entry.id, entry.job_ref, entry.number, entry.status])).toEqual(
      started.map((entry) => [entry.id, entry.job_ref, 2, 'cancelled']),
    );
    expect((await storedRuns()).filter((entry) => entry.status !== 'cancelled')).toEqual([
      expect.objectContaining({ job_ref: 'jobs.quick', status: 'completed' }),
    ]);
    const unknown = await run(['job', 'cancel', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/error: Job 'nope' not found/);
  });
});
