import { apiPaths } from '@dlthub/api-schema';
import { api, tempDir, uploadCode } from './__fixtures__/harness';
import { startControlPlane, type RunningControlPlane } from './server';

/**
 * Two tenants who share nothing (alice in acme, mallory in evil-corp), plus bob who is a collaborator
 * in acme: every route that takes an id, tried with the other tenant's login token and API key.
 */
const keys = {
  aliceToken: 'dlthub_at_fixture_xt_alice_0123456789',
  aliceKey: 'dlt_u_fixture_xt_alice_0123456789',
  malloryToken: 'dlthub_at_fixture_xt_mallory_0123456789',
  malloryKey: 'dlt_u_fixture_xt_mallory_0123456789',
  bobKey: 'dlt_u_fixture_xt_bob_0123456789',
};

describe('cross-tenant isolation', () => {
  let plane: RunningControlPlane;
  let cleanup: () => void;
  // Filled in by beforeAll.
  const ids = { acme: '', workspace: '', apiKey: '', malloryWorkspace: '' };

  beforeAll(async () => {
    const temp = tempDir('cp-xt-');
    cleanup = temp.cleanup;
    plane = await startControlPlane({
      dataDir: temp.dir,
      seed: {
        users: [{ username: 'alice' }, { username: 'mallory' }, { username: 'bob' }],
        organizations: [
          {
            name: 'acme',
            members: [
              { username: 'alice', role: 'owner' },
              { username: 'bob', role: 'collaborator' },
            ],
            workspaces: [{ name: 'prod-ws', repository: 'git@example.test:acme/pipelines.git', jobs: ['nightly'] }],
          },
          {
            name: 'evil-corp',
            members: [
              { username: 'mallory', role: 'owner' },
              { username: 'bob', role: 'owner' },
            ],
            workspaces: [{ name: 'lair' }],
          },
        ],
        api_keys: [
          { username: 'alice', name: 'a', key: keys.aliceKey },
          { username: 'mallory', name: 'm', key: keys.malloryKey },
          { username: 'bob', name: 'b', key: keys.bobKey },
        ],
        tokens: [
          { username: 'alice', token: keys.aliceToken },
          { username: 'mallory', token: keys.malloryToken },
        ],
      },
    });
    const me = await api(plane.url, 'GET', apiPaths.me(), { token: keys.aliceKey });
    ids.acme = me.body.organizations[0].id;
    ids.workspace = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: keys.aliceKey })).body.items[0].id;
    ids.apiKey = (await api(plane.url, 'GET', apiPaths.apiKeys(), { token: keys.aliceKey })).body.items[0].id;
    const upload = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(ids.workspace), {
      token: keys.aliceKey,
      body: {
        profiles: { prod: { config: 'a = 1\n', secrets: 'pw = "xt-secret"\n' } },
        workspace: { config: '', secrets: '' },
      },
    });
    expect(upload.status).toBe(201);
    await uploadCode(plane.url, ids.workspace, temp.dir, { 'nightly.py': 'print("xt")\n' }, keys.aliceKey);
    ids.malloryWorkspace = (
      await api(plane.url, 'GET', apiPaths.workspaces(), { token: keys.malloryKey })
    ).body.items[0].id;
  });
  afterAll(async () => {
    await plane.close();
    cleanup();
  });

  const routes = (): [string, string, unknown?][] => [
    ['GET', apiPaths.organization(ids.acme)],
    ['GET', apiPaths.organizationWorkspaces(ids.acme)],
    ['POST', apiPaths.organizationWorkspaces(ids.acme), { name: 'sneaky' }],
    ['GET', apiPaths.workspace(ids.workspace)],
    ['GET', apiPaths.workspaceJobs(ids.workspace)],
    ['PUT', apiPaths.workspaceRepository(ids.workspace), { repository: 'git@example.test:evil/x.git' }],
    ['GET', apiPaths.workspaceConfigurations(ids.workspace)],
    ['GET', apiPaths.workspaceLatestConfiguration(ids.workspace)],
    [
      'POST',
      apiPaths.workspaceConfigurations(ids.workspace),
      { profiles: { prod: { config: '', secrets: '' } }, workspace: { config: '', secrets: '' } },
    ],
    ['DELETE', apiPaths.apiKey(ids.apiKey)],
    ['GET', apiPaths.workspaceDeployments(ids.workspace)],
    ['GET', apiPaths.workspaceDeployment(ids.workspace, 'latest')],
    ['GET', apiPaths.workspaceDeployment(ids.workspace, 1)],
    ['GET', apiPaths.workspaceDeploymentFiles(ids.workspace, 1)],
    ['POST', apiPaths.workspaceDeployments(ids.workspace), {}],
    ['POST', apiPaths.workspaceDeploy(ids.workspace), { jobs: [], dry_run: true }],
    ['GET', apiPaths.workspaceJob(ids.workspace, 'nightly')],
    ['GET', apiPaths.workspaceRuns(ids.workspace)],
    ['POST', apiPaths.workspaceRuns(ids.workspace), { job: 'nightly' }],
  ];

  it.each([
    ['login token', keys.malloryToken],
    ['API key', keys.malloryKey],
  ])("every id-taking route with another tenant's %s answers 404 and leaks nothing", async (_, credential) => {
    for (const [method, path, body] of routes()) {
      const answer = await api(plane.url, method, path, { token: credential, body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
      const text = JSON.stringify(answer.body);
      for (const secret of ['acme', 'prod-ws', 'pipelines.git', 'xt-secret', keys.aliceKey]) {
        expect({ path, leaked: text.includes(secret) }).toEqual({ path, leaked: false });
      }
    }
    // Nothing changed for alice.
    expect((await api(plane.url, 'GET', apiPaths.me(), { token: keys.aliceKey })).status).toBe(200);
    const workspace = await api(plane.url, 'GET', apiPaths.workspace(ids.workspace), { token: keys.aliceKey });
    expect(workspace.body.repository).toBe('git@example.test:acme/pipelines.git');
    const list = await api(plane.url, 'GET', apiPaths.organizationWorkspaces(ids.acme), { token: keys.aliceKey });
    expect(list.body.total).toBe(1);
  });

  it('a collaborator may read but every write is 403', async () => {
    for (const [method, path, body] of routes()) {
      if (path.includes('api-keys')) continue;
      const answer = await api(plane.url, method, path, { token: keys.bobKey, body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: method === 'GET' ? 200 : 403 });
    }
  });

  it("taking over another organization's repository binding is 409, naming neither its workspace nor its org", async () => {
    // bob owns evil-corp but only reads acme: he may not move acme's repository into his workspace.
    const bobWorkspace = (
      await api(
        plane.url,
        'GET',
        apiPaths.organizationWorkspaces(
          (await api(plane.url, 'GET', apiPaths.me(), { token: keys.bobKey })).body.organizations.find(
            (o: { name: string }) => o.name === 'evil-corp',
          ).id,
        ),
        { token: keys.bobKey },
      )
    ).body.items[0].id;
    for (const token of [keys.bobKey, keys.malloryKey]) {
      const target = token === keys.bobKey ? bobWorkspace : ids.malloryWorkspace;
      const takeover = await api(plane.url, 'PUT', apiPaths.workspaceRepository(target), {
        token,
        body: { repository: 'git@example.test:acme/pipelines.git' },
      });
      expect(takeover.status).toBe(409);
      expect(takeover.body.detail).toContain('bound to another workspace that you cannot change');
      // The caller's own repository URL is echoed; nothing else about the other side is.
      const text = JSON.stringify(takeover.body).replace('git@example.test:acme/pipelines.git', '<repository>');
      expect(text).not.toContain(ids.workspace);
      expect(text).not.toContain('acme');
      expect(text).not.toContain('prod-ws');
    }
    const workspace = await api(plane.url, 'GET', apiPaths.workspace(ids.workspace), { token: keys.aliceKey });
    expect(workspace.body.repository).toBe('git@example.test:acme/pipelines.git');
    const jobs = await api(plane.url, 'GET', apiPaths.workspaceJobs(ids.workspace), { token: keys.aliceKey });
    expect(jobs.body.items.every((j: { active: boolean }) => j.active)).toBe(true);
  });
});
