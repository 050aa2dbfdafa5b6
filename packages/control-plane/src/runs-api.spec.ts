import { apiPaths } from '@dlthub/api-schema';
import { aliceToken, api, bobApiKey, demoSeed, moduleJob, tempDir, uploadCode } from './__fixtures__/harness';
import { startControlPlane, type RunningControlPlane } from './server';

jest.setTimeout(120_000);

const code = {
  'hello.py':
    'import os\nif __name__ == "__main__":\n    print("hello from", os.environ["WORKSPACE__PROFILE"])\n    print(open(".dlt/prod.config.toml").read().strip())\n',
  // Waits until the test tells it to finish (a file), so no fixed sleeps decide anything.
  'waiter.py':
    'import os, time\nif __name__ == "__main__":\n    print("waiting", flush=True)\n    while not os.path.exists(os.environ["GO_FILE"]):\n        time.sleep(0.05)\n    print("went")\n',
  'sleeper.py': 'import time\nif __name__ == "__main__":\n    print("sleeping", flush=True)\n    time.sleep(600)\n',
  // More lines than one page of the log stream (1,000), one write each (the runner starts Python unbuffered).
  'chatty.py': 'if __name__ == "__main__":\n    for i in range(1, 5001):\n        print(f"line {i}")\n',
};

/** Reads a run's server-sent events to the end: the log lines and the final run. */
async function readStream(url: string, token: string): Promise<{ lines: string[]; end: any }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null'),
    }));
  return {
    lines: events.filter((e) => e.event === 'log').map((e) => e.data.content),
    end: events.find((e) => e.event === 'end')?.data,
  };
}

describe('runs on the control plane (real python3 processes)', () => {
  let plane: RunningControlPlane;
  let dir: string;
  let cleanup: () => void;
  let workspace: string;
  const call = (method: string, path: string, body?: unknown, token = aliceToken) =>
    api(plane.url, method, path, { token, body });

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-runs-'));
    plane = await startControlPlane({
      dataDir: `${dir}/data`,
      seed: demoSeed,
      env: { ...process.env, GO_FILE: `${dir}/go` },
    });
    const list = await call('GET', apiPaths.workspaces());
    workspace = list.body.items.find((w: { name: string }) => w.name === 'marketing').id;
    await uploadCode(plane.url, workspace, dir, code);
    const configured = await call('POST', apiPaths.workspaceConfigurations(workspace), {
      profiles: { prod: { config: 'color = "green"\n', secrets: '' } },
      workspace: { config: '', secrets: '' },
    });
    expect(configured.status).toBe(201);
    const deployed = await call('POST', apiPaths.workspaceDeploy(workspace), {
      jobs: [
        moduleJob('hello'),
        moduleJob('waiter'),
        moduleJob('sleeper', { execute: { timeout: { timeout: 3, grace_period: 1 } } }),
        moduleJob('chatty'),
      ],
    });
    expect(deployed.body.added).toHaveLength(4);
  });
  afterAll(async () => {
    await plane?.close();
    cleanup();
  });

  it('runs a plain module job with the prod profile and its configuration; logs page and stream to the end', async () => {
    const triggered = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.hello' });
    expect(triggered.status).toBe(201);
    expect(triggered.body).toMatchObject({ status: 'triggered', trigger: 'manual:jobs.hello', run: { number: 1 } });
    const runId = triggered.body.run.id;
    const stream = await readStream(`${plane.url}${apiPaths.workspaceRunLogStream(workspace, runId)}`, aliceToken);
    expect(stream.lines).toEqual(['hello from prod', 'color = "green"']);
    expect(stream.end).toMatchObject({ status: 'completed', profile: 'prod', exit_code: 0, number: 1 });
    const logs = await call('GET', `${apiPaths.workspaceRunLogs(workspace, runId)}?limit=1&offset=1`);
    expect(logs.body).toMatchObject({
      total: 2,
      items: [{ line_num: 2, stream: 'stdout', content: 'color = "green"' }],
    });
    const again = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.hello' });
    expect(again.body.run.number).toBe(2);
    await readStream(`${plane.url}${apiPaths.workspaceRunLogStream(workspace, again.body.run.id)}`, aliceToken);
    const runs = await call('GET', `${apiPaths.workspaceRuns(workspace)}?job=jobs.hello`);
    expect(runs.body.items.map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([
      [2, 'completed'],
      [1, 'completed'],
    ]);
    const second = await call('GET', `${apiPaths.workspaceRuns(workspace)}?job=jobs.hello&limit=1&offset=1`);
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ number: 1, job_ref: 'jobs.hello' }] });
  });

  it('keeps every line of a chatty job in order; streams resume after a line and pages reach the last ones', async () => {
    const triggered = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.chatty' });
    const streamUrl = `${plane.url}${apiPaths.workspaceRunLogStream(workspace, triggered.body.run.id)}`;
    const expected = Array.from({ length: 5000 }, (_, index) => `line ${index + 1}`);
    const stream = await readStream(streamUrl, aliceToken);
    expect(stream.end).toMatchObject({ status: 'completed' });
    expect(stream.lines).toEqual(expected);
    expect((await readStream(`${streamUrl}?after=2500`, aliceToken)).lines).toEqual(expected.slice(2500));
    const tail = await call(
      'GET',
      `${apiPaths.workspaceRunLogs(workspace, triggered.body.run.id)}?limit=100&offset=4950`,
    );
    expect(tail.body.total).toBe(5000);
    const afterLine = await call(
      'GET',
      `${apiPaths.workspaceRunLogs(workspace, triggered.body.run.id)}?after=4000&limit=3`,
    );
    expect(afterLine.body.items.map((line: { content: string }) => line.content)).toEqual(expected.slice(4000, 4003));
    expect(tail.body.items.map((line: { line_num: number; content: string }) => [line.line_num, line.content])).toEqual(
      expected.slice(4950).map((content, index) => [4951 + index, content]),
    );
  });

  it('skips a run over execute.concurrency with the reason, and cancels a running one', async () => {
    const first = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.waiter' });
    const runId = first.body.run.id;
    const skipped = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.waiter' });
    expect(skipped.body).toMatchObject({ status: 'skipped_concurrency_limit', run: null });
    expect(skipped.body.reasons[0]).toContain('allows 1 active run(s)');
    // A reader may not cancel; another tenant does not see the run at all.
    expect((await call('POST', apiPaths.workspaceRunCancel(workspace, runId), undefined, bobApiKey)).status).toBe(404);
    const cancelled = await call('POST', apiPaths.workspaceRunCancel(workspace, runId));
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'cancelled on request' });
    const refused = await call('POST', apiPaths.workspaceRunCancel(workspace, runId));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Run # 1 is already in a terminal state: cancelled.');
    for (const path of [apiPaths.workspaceRun(workspace, runId), apiPaths.workspaceRunLogs(workspace, runId)])
      expect((await call('GET', path, undefined, bobApiKey)).status).toBe(404);
  });

  it('stops a run at execute.timeout (SIGTERM, then SIGKILL) and says so', async () => {
    const triggered = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.sleeper' });
    const stream = await readStream(
      `${plane.url}${apiPaths.workspaceRunLogStream(workspace, triggered.body.run.id)}`,
      aliceToken,
    );
    expect(stream.lines).toContain('Run timed out after 3 s: stopping the job (SIGTERM, SIGKILL after 1 s)');
    expect(stream.end).toMatchObject({ status: 'failed', reason: 'timed out after 3 s' });
  });

  it('re-binding the repository to another workspace archives the old workspace jobs; their runs stay', async () => {
    const repository = 'git@example.test:acme/runs.git';
    expect((await call('PUT', apiPaths.workspaceRepository(workspace), { repository })).status).toBe(200);
    const list = await call('GET', apiPaths.workspaces());
    const analytics = list.body.items.find((w: { name: string }) => w.name === 'analytics').id;
    const moved = await call('PUT', apiPaths.workspaceRepository(analytics), { repository });
    expect(moved.body).toMatchObject({ previous_workspace_id: workspace, deactivated_jobs: 4 });
    expect((await call('GET', apiPaths.workspaceJobs(workspace))).body.items).toEqual([]);
    const archived = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.hello' });
    expect(archived.status).toBe(409);
    expect(archived.body.detail).toContain('Job jobs.hello is archived');
    const runs = await call('GET', `${apiPaths.workspaceRuns(workspace)}?job=jobs.hello`);
    expect(runs.body.total).toBe(2);
  });

  it('a restart marks runs left active as failed with the reason: no phantoms', async () => {
    const runs = await call('GET', apiPaths.workspaceRuns(workspace));
    const runId = runs.body.items[0].id;
    // As a killed control plane leaves it: the record says running, no process is behind it.
    await plane.store.write((tx) => tx.update('runs', { id: runId }, { status: 'running', time_ended: null }));
    await plane.close();
    plane = await startControlPlane({ dataDir: `${dir}/data`, python: `${dir}/no-such-python` });
    const run = await call('GET', apiPaths.workspaceRun(workspace, runId));
    expect(run.body).toMatchObject({
      status: 'failed',
      reason: 'The control plane stopped while the run was running; it did not finish.',
    });
    // The configured interpreter is the one runs start with.
    const back = await call('POST', apiPaths.workspaceDeploy(workspace), {
      deployment_module: null,
      jobs: [moduleJob('hello')],
    });
    expect(back.body.updated[0].job_ref).toBe('jobs.hello');
    const triggered = await call('POST', apiPaths.workspaceRuns(workspace), { job: 'jobs.hello' });
    const stream = await readStream(
      `${plane.url}${apiPaths.workspaceRunLogStream(workspace, triggered.body.run.id)}`,
      aliceToken,
    );
    expect(stream.end.status).toBe('failed');
    expect(stream.end.reason).toContain(`cannot start ${dir}/no-such-python`);
  });
});
