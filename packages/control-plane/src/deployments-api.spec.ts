import { apiPaths } from '@dlthub/api-schema';
import { buildArchive, buildCodePackage } from '@dlthub/deployment';
import { aliceToken, api, demoSeed, tempDir, writeFiles } from './__fixtures__/harness';
import { startControlPlane, type RunningControlPlane } from './server';

jest.setTimeout(60_000);

const job = (ref: string, triggers: string[] = []) => ({
  job_ref: ref,
  entry_point: { module: ref.split('.')[1], function: null, job_type: 'batch', launcher: 'x.module' },
  triggers,
  execute: { concurrency: 1 },
});

describe('deployments, manifests and jobs over HTTP', () => {
  let plane: RunningControlPlane;
  let dir: string;
  let cleanup: () => void;
  let workspace: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-deploy-api-'));
    plane = await startControlPlane({ dataDir: dir, seed: demoSeed });
    const list = await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken });
    workspace = list.body.items.find((w: { name: string }) => w.name === 'marketing').id;
  });
  afterAll(async () => {
    await plane.close();
    cleanup();
  });

  const uploadPackage = async (body: Buffer, contentType = 'application/gzip') => {
    const response = await fetch(new URL(apiPaths.workspaceDeployments(workspace), plane.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}`, 'content-type': contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('versions code packages by their recomputed content hash and serves list, info and files', async () => {
    const first = await buildCodePackage(writeFiles(dir, { 'load.py': 'print(1)\n' }));
    const created = await uploadPackage(first.tarball);
    expect(created).toMatchObject({
      status: 201,
      body: { version: 1, created: true, content_hash: first.contentHash },
    });
    expect(await uploadPackage(first.tarball)).toMatchObject({ status: 200, body: { version: 1, created: false } });
    const second = await buildCodePackage(writeFiles(dir, { 'load.py': 'print(2)\n', 'lib/util.py': 'X = 1\n' }));
    expect(await uploadPackage(second.tarball)).toMatchObject({ status: 201, body: { version: 2, file_count: 2 } });
    const list = await api(plane.url, 'GET', apiPaths.workspaceDeployments(workspace), { token: aliceToken });
    expect(list.body.items.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    const paged = await api(plane.url, 'GET', `${apiPaths.workspaceDeployments(workspace)}?limit=1&offset=1`, {
      token: aliceToken,
    });
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ version: 1 }] });
    const latest = await api(plane.url, 'GET', apiPaths.workspaceDeployment(workspace, 'latest'), {
      token: aliceToken,
    });
    expect(latest.body.version).toBe(2);
    const files = await api(plane.url, 'GET', apiPaths.workspaceDeploymentFiles(workspace, 2), { token: aliceToken });
    expect(files.body.files.map((f: { relative_path: string }) => f.relative_path)).toEqual(['lib/util.py', 'load.py']);
    // No dependency file: requirements.json still travels, with an empty main group.
    expect(files.body.requirements).toMatchObject({ python_version: '3.12', groups: { main: [] } });
    const missing = await api(plane.url, 'GET', apiPaths.workspaceDeployment(workspace, 7), { token: aliceToken });
    expect(missing.status).toBe(404);
    expect((await uploadPackage(Buffer.from('nope'))).status).toBe(400);
    expect((await uploadPackage(first.tarball, 'application/json')).status).toBe(415);
  });

  it('keeps the requirements.json of a package, and refuses a package whose requirements.json is broken', async () => {
    const described = await buildCodePackage(
      writeFiles(dir, {
        'load.py': 'print(3)\n',
        'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["dlt>=1.26"]\n',
      }),
    );
    const uploaded = await uploadPackage(described.tarball);
    expect(uploaded.status).toBe(201);
    const files = await api(plane.url, 'GET', apiPaths.workspaceDeploymentFiles(workspace, uploaded.body.version), {
      token: aliceToken,
    });
    expect(files.body.requirements).toMatchObject({
      default_groups: ['main'],
      groups: { main: ['dlt>=1.26'] },
      dlt_version: expect.objectContaining({ name: 'dlt' }),
    });
    const broken = await buildArchive([{ relativePath: 'load.py', content: Buffer.from('print(4)\n'), mode: 0o644 }], {
      'requirements.json': '{"python_version": 3',
    });
    const refused = await uploadPackage(broken.tarball);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/requirements\.json is not valid JSON/);
    const wrongShape = await buildArchive(
      [{ relativePath: 'load.py', content: Buffer.from('print(5)\n'), mode: 0o644 }],
      {
        'requirements.json': '{"python_version": 3}',
      },
    );
    expect((await uploadPackage(wrongShape.tarball)).status).toBe(400);
  });

  it('reconciles manifests: archived jobs leave the list unless asked for, and keep their record', async () => {
    const deploy = (body: unknown) =>
      api(plane.url, 'POST', apiPaths.workspaceDeploy(workspace), { token: aliceToken, body });
    const first = await deploy({ jobs: [job('jobs.load'), job('jobs.report')] });
    expect(first.body).toMatchObject({ added: ['jobs.load', 'jobs.report'], archived: [], warnings: [] });
    const second = await deploy({ jobs: [job('jobs.load', ['every:5m'])] });
    expect(second.body).toMatchObject({
      updated: [{ job_ref: 'jobs.load', previous_version: 1, version: 2 }],
      archived: ['jobs.report'],
    });
    const active = await api(plane.url, 'GET', apiPaths.workspaceJobs(workspace), { token: aliceToken });
    expect(active.body.items.map((j: { name: string }) => j.name)).toEqual(['jobs.load']);
    const all = await api(plane.url, 'GET', `${apiPaths.workspaceJobs(workspace)}?archived=true`, {
      token: aliceToken,
    });
    expect(all.body.items.map((j: { name: string; active: boolean }) => [j.name, j.active])).toEqual([
      ['jobs.load', true],
      ['jobs.report', false],
    ]);
    const info = await api(plane.url, 'GET', apiPaths.workspaceJob(workspace, 'jobs.load'), { token: aliceToken });
    expect(info.body).toMatchObject({ job_type: 'batch', version: 2, triggers: ['every:5m'], active: true });
    const bad = await deploy({ jobs: [job('jobs.load'), job('jobs.load')] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('job refs must be unique');
  });
});
