import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type RunningControlPlane } from '@dlthub/control-plane';
import { buildCodePackage } from '@dlthub/deployment';
import { createClient, type WorkspaceClient } from './client';
import { ApiRequestError } from './errors';
import { readServerSentEvents } from './sse';

jest.setTimeout(120_000);

const aliceKey = 'dlt_u_fixture_client_deploy_0123456789abcdef';
const job = {
  job_ref: 'jobs.hello',
  entry_point: { module: 'hello', function: null, job_type: 'batch' as const, launcher: 'x.module' },
  triggers: [],
  execute: {},
};

describe('workspace-client deployments, jobs, runs and logs against the local control plane', () => {
  let plane: RunningControlPlane;
  let dir: string;
  let client: WorkspaceClient;
  let workspace: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-deploy-'));
    plane = await startControlPlane({
      dataDir: join(dir, 'data'),
      seed: {
        users: [{ username: 'alice' }],
        organizations: [
          { name: 'acme', members: [{ username: 'alice', role: 'owner' }], workspaces: [{ name: 'etl' }] },
        ],
        api_keys: [{ username: 'alice', name: 'tests', key: aliceKey }],
      },
    });
    client = createClient({ baseUrl: plane.url, token: aliceKey, env: {} });
    workspace = (await client.listWorkspaces()).items[0]!.id;
  });
  afterAll(async () => {
    await client.close();
    await plane.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads code, reconciles a manifest, runs a job and follows its logs to the end', async () => {
    expect(await client.getDeployment(workspace, 'latest')).toBeNull();
    const source = join(dir, 'ws');
    mkdirSync(source);
    writeFileSync(join(source, 'hello.py'), 'if __name__ == "__main__":\n    print("one")\n    print("two")\n');
    const pkg = await buildCodePackage(source);
    const uploaded = await client.uploadDeployment(workspace, pkg.tarball);
    expect(uploaded).toMatchObject({ version: 1, created: true, content_hash: pkg.contentHash });
    expect((await client.uploadDeployment(workspace, pkg.tarball)).created).toBe(false);
    expect((await client.listDeployments(workspace)).total).toBe(1);
    expect((await client.getDeploymentFiles(workspace, 1)).files.map((f) => f.relative_path)).toEqual(['hello.py']);
    const plan = await client.deployManifest(workspace, { jobs: [job], dry_run: true });
    expect(plan).toMatchObject({ dry_run: true, added: ['jobs.hello'] });
    expect((await client.listJobs(workspace)).total).toBe(0);
    await client.deployManifest(workspace, { jobs: [job] });
    expect((await client.getJob(workspace, 'jobs.hello')).version).toBe(1);

    const triggered = await client.triggerRun(workspace, { job: 'jobs.hello' });
    expect(triggered.status).toBe('triggered');
    const lines: string[] = [];
    const final = await client.followRunLogs(workspace, triggered.run!.id, (line) => lines.push(line.content));
    expect(lines).toEqual(['one', 'two']);
    expect(final).toMatchObject({ status: 'completed', number: 1, profile: 'prod' });
    expect((await client.getRunLogs(workspace, final.id)).items.map((l) => l.line_num)).toEqual([1, 2]);
    expect((await client.listRuns(workspace, { job: 'jobs.hello' })).items[0]!.id).toBe(final.id);
    const refused = await client.cancelRun(workspace, final.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as ApiRequestError).status).toBe(409);
    // Nothing of the job is active: the bulk cancel answers no runs; an unknown job is the caller's 404.
    expect(await client.cancelJobRuns(workspace, { jobs: ['jobs.hello'] })).toEqual({ cancelled: [] });
    const unknown = await client.cancelJobRuns(workspace, { jobs: ['jobs.nope'] }).catch((error: unknown) => error);
    expect((unknown as ApiRequestError).status).toBe(404);
    // Following again from line 1 replays only what comes after it.
    const rest: string[] = [];
    await client.followRunLogs(workspace, final.id, (line) => rest.push(line.content), { after: 1 });
    expect(rest).toEqual(['two']);
    expect(await client.pauseJob(workspace, 'jobs.hello')).toMatchObject({ name: 'jobs.hello', paused: true });
    expect((await client.getJob(workspace, 'jobs.hello')).paused).toBe(true);
    expect((await client.resumeJob(workspace, 'jobs.hello')).paused).toBe(false);
    const missing = await client.pauseJob(workspace, 'jobs.nope').catch((error: unknown) => error);
    expect((missing as ApiRequestError).status).toBe(404);
    await client.deployManifest(workspace, { jobs: [] });
    expect((await client.listJobs(workspace, { archived: true })).items.map((j) => j.active)).toEqual([false]);
    expect((await client.getRun(workspace, final.id)).status).toBe('completed');
  });

  it('reads server-sent events split anywhere, with multi-line data and comments', async () => {
    const text = ': hello\nevent: log\nid: 1\ndata: {"a":\ndata: 1}\n\nevent: end\r\ndata: x\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const events = [];
    for await (const event of readServerSentEvents(chunks)) events.push(event);
    expect(events).toEqual([
      { event: 'log', id: '1', data: '{"a":\n1}' },
      { event: 'end', data: 'x' },
    ]);
  });
});
