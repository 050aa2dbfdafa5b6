import { apiPaths, configurationMaxBytes } from '@dlthub/api-schema';
import {
  aliceApiKey,
  aliceToken,
  api,
  bobApiKey,
  databaseBytesOnDisk,
  demoSeed,
  dumpTables,
  expiredApiKey,
  tempDir,
} from './__fixtures__/harness';
import { applySeed } from './seed';
import { startControlPlane, type RunningControlPlane } from './server';

describe('control plane /api/v1', () => {
  let plane: RunningControlPlane;
  let cleanup: () => void;
  let temp: { dir: string; cleanup: () => void };
  const logLines: string[] = [];

  beforeAll(async () => {
    temp = tempDir('cp-api-');
    cleanup = temp.cleanup;
    plane = await startControlPlane({ dataDir: temp.dir, seed: demoSeed, log: (line) => logLines.push(line) });
  });
  afterAll(async () => {
    await plane.close();
    cleanup();
    const log = logLines.join('\n');
    expect(log).not.toContain(aliceApiKey);
    expect(log).not.toContain(aliceToken);
  });

  const get = (path: string, token = aliceToken) => api(plane.url, 'GET', path, { token });
  async function workspaceId(name: string): Promise<string> {
    const list = await get(`${apiPaths.workspaces()}?limit=200`);
    return list.body.items.find((w: { name: string }) => w.name === name).id;
  }

  describe('authentication', () => {
    it('401 with {status_code, detail} for missing, unknown and expired credentials', async () => {
      const missing = await api(plane.url, 'GET', apiPaths.me());
      expect(missing).toMatchObject({ status: 401, body: { status_code: 401, detail: 'Missing bearer token.' } });
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      expect((await get(apiPaths.me(), 'dlthub_at_unknown')).body).toEqual({
        status_code: 401,
        detail: 'Access token is not valid.',
      });
      const expired = await get(apiPaths.me(), expiredApiKey);
      expect(expired.body).toEqual({ status_code: 401, detail: 'API key has expired.' });
      expect(JSON.stringify(expired.body)).not.toContain(expiredApiKey);
    });

    it('me lists the user with organizations and roles, by token or API key', async () => {
      const me = await get(apiPaths.me());
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ username: 'alice', email: 'alice@example.test' });
      expect(me.body.organizations.map((o: { name: string; role: string }) => [o.name, o.role])).toEqual([
        ['acme', 'owner'],
        ['beta-corp', 'member'],
      ]);
      expect((await get(apiPaths.me(), aliceApiKey)).body.auth).toBe('api_key');
    });
  });

  describe('organizations and workspaces', () => {
    it('lists are paged {items, total, limit, offset} and sorted by organization then name', async () => {
      const all = await get(apiPaths.workspaces());
      expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(
        all.body.items.map((w: { organization_name: string; name: string }) => `${w.organization_name}/${w.name}`),
      ).toEqual(['acme/analytics', 'acme/marketing', 'beta-corp/sandbox']);
      const page = await get(`${apiPaths.workspaces()}?limit=1&offset=1`);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ name: 'marketing' }] });
      const orgs = await get(apiPaths.organizations());
      expect(orgs.body.total).toBe(2);
      const acme = orgs.body.items[0];
      const inAcme = await get(apiPaths.organizationWorkspaces(acme.id));
      expect(inAcme.body.items.map((w: { name: string }) => w.name)).toEqual(['analytics', 'marketing']);
      expect((await get(`${apiPaths.workspaces()}?limit=0`)).status).toBe(400);
    });

    it('members see only their organizations: others are 404, not 403', async () => {
      const analytics = await workspaceId('analytics');
      const bobList = await get(apiPaths.workspaces(), bobApiKey);
      expect(bobList.body.items.map((w: { name: string }) => w.name)).toEqual(['sandbox']);
      expect((await get(apiPaths.workspace(analytics), bobApiKey)).body).toEqual({
        status_code: 404,
        detail: `Workspace ${analytics} not found.`,
      });
      expect((await get(apiPaths.workspace('no-such-id'))).body).toEqual({
        status_code: 404,
        detail: 'Workspace no-such-id not found.',
      });
    });

    it('creates workspaces, refusing duplicates and bad names', async () => {
      const orgs = await get(apiPaths.organizations());
      const acmeId = orgs.body.items[0].id;
      const created = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acmeId), {
        token: aliceToken,
        body: { name: 'new-ws' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'new-ws',
        organization_id: acmeId,
        organization_name: 'acme',
        repository: null,
      });
      expect((await get(apiPaths.workspace(created.body.id))).body.name).toBe('new-ws');
      const duplicate = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acmeId), {
        token: aliceToken,
        body: { name: 'new-ws' },
      });
      expect(duplicate.status).toBe(409);
      const bad = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acmeId), {
        token: aliceToken,
        body: { name: '../x' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toContain('body.name');
    });
  });

  describe('repository binding', () => {
    it('moves a repository, deactivating the old binding jobs and reporting how many', async () => {
      const analytics = await workspaceId('analytics');
      const marketing = await workspaceId('marketing');
      const repository = 'git@example.test:acme/old.git';
      const moved = await api(plane.url, 'PUT', apiPaths.workspaceRepository(marketing), {
        token: aliceToken,
        body: { repository },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        workspace_id: marketing,
        repository,
        previous_workspace_id: analytics,
        deactivated_jobs: 2,
        replaced_repository: null,
      });
      expect((await get(apiPaths.workspace(analytics))).body.repository).toBeNull();
      const jobs = await get(`${apiPaths.workspaceJobs(analytics)}?archived=true`);
      expect(jobs.body.items.map((j: { active: boolean }) => j.active)).toEqual([false, false]);

      const same = await api(plane.url, 'PUT', apiPaths.workspaceRepository(marketing), {
        token: aliceToken,
        body: { repository },
      });
      expect(same.body).toMatchObject({ previous_workspace_id: null, deactivated_jobs: 0 });
      const replaced = await api(plane.url, 'PUT', apiPaths.workspaceRepository(marketing), {
        token: aliceToken,
        body: { repository: 'git@example.test:acme/new.git' },
      });
      expect(replaced.body).toMatchObject({ replaced_repository: repository });
    });
  });

  describe('API keys', () => {
    it('are shown once with the dlt_ prefix, listed without the key, usable, deletable', async () => {
      const created = await api(plane.url, 'POST', apiPaths.apiKeys(), {
        token: aliceToken,
        body: { name: 'laptop', expires_in_days: 7 },
      });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^dlt_u_/);
      expect(Date.parse(created.body.expires_at) - Date.parse(created.body.created_at)).toBe(7 * 24 * 3600 * 1000);
      const listed = await get(apiPaths.apiKeys());
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
      expect(listed.body.items.map((k: { name: string }) => k.name)).toContain('laptop');
      expect((await get(apiPaths.me(), created.body.key)).status).toBe(200);
      expect((await api(plane.url, 'DELETE', apiPaths.apiKey(created.body.id), { token: aliceToken })).status).toBe(
        204,
      );
      expect((await get(apiPaths.me(), created.body.key)).status).toBe(401);
      expect(
        (
          await api(plane.url, 'POST', apiPaths.apiKeys(), {
            token: aliceToken,
            body: { name: 'x', expires_in_days: 400 },
          })
        ).status,
      ).toBe(400);
      expect(databaseBytesOnDisk(temp.dir)).not.toContain(created.body.key);
      expect(JSON.stringify(await dumpTables(plane.store))).not.toContain(created.body.key);
    });
  });

  describe('token lifetimes', () => {
    it('an API key cannot mint a key that outlives it; logout (DELETE of the current token) revokes it on the server', async () => {
      const shortKey = await api(plane.url, 'POST', apiPaths.apiKeys(), {
        token: aliceToken,
        body: { name: 'short', expires_in_days: 2 },
      });
      const minted = await api(plane.url, 'POST', apiPaths.apiKeys(), {
        token: shortKey.body.key,
        body: { name: 'child', expires_in_days: 365 },
      });
      expect(minted.status).toBe(201);
      expect(Date.parse(minted.body.expires_at)).toBeLessThanOrEqual(Date.parse(shortKey.body.expires_at));

      // A login token of its own, then logout with it.
      await applySeed(plane.store, {
        users: [{ username: 'alice' }],
        tokens: [{ username: 'alice', token: 'dlthub_at_fixture_logout_0123456789' }],
      });
      const token = 'dlthub_at_fixture_logout_0123456789';
      expect((await get(apiPaths.me(), token)).status).toBe(200);
      expect((await api(plane.url, 'DELETE', apiPaths.currentToken(), { token })).status).toBe(204);
      expect((await get(apiPaths.me(), token)).body).toEqual({
        status_code: 401,
        detail: 'Access token is not valid.',
      });
      expect((await api(plane.url, 'DELETE', apiPaths.currentToken(), { token: minted.body.key })).status).toBe(204);
      expect((await get(apiPaths.me(), minted.body.key)).status).toBe(401);
      // Other credentials of the same user keep working.
      expect((await get(apiPaths.me(), shortKey.body.key)).status).toBe(200);
      expect((await get(apiPaths.me())).status).toBe(200);
    });
  });

  describe('configurations', () => {
    const content = {
      profiles: {
        prod: { config: '[destination.warehouse]\ntype = "duckdb"\n', secrets: 'password = "fixture-secret-pw"\n' },
      },
      workspace: { config: '', secrets: '' },
    };

    it('versions uploads, dedupes unchanged content, never returns the TOML', async () => {
      const id = await workspaceId('sandbox');
      const first = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: content,
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ version: 1, created: true, profiles: ['prod'] });
      const again = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: content,
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: first.body.id, version: 1, created: false });
      const changed = { ...content, workspace: { config: '[runtime]\nlog_level = "INFO"\n', secrets: '' } };
      const second = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: changed,
      });
      expect(second.body).toMatchObject({ version: 2, created: true });
      const latest = await get(apiPaths.workspaceLatestConfiguration(id));
      expect(latest.body).toMatchObject({ version: 2, content_hash: second.body.content_hash });
      const list = await get(apiPaths.workspaceConfigurations(id));
      expect(list.body).toMatchObject({ total: 2 });
      expect(list.body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
      expect(JSON.stringify(list.body)).not.toContain('fixture-secret-pw');
      // A page is read from the store, newest first: the second of one.
      const paged = await get(`${apiPaths.workspaceConfigurations(id)}?limit=1&offset=1`);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ version: 1 }] });
    });

    it('refuses a wrong content_hash, local profiles and bodies over 1 MB (413)', async () => {
      const id = await workspaceId('sandbox');
      const wrongHash = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: { ...content, content_hash: `sha256:${'0'.repeat(64)}` },
      });
      expect(wrongHash.status).toBe(400);
      const dev = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: { ...content, profiles: { dev: { config: '', secrets: '' } } },
      });
      expect(dev.status).toBe(400);
      const huge = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: { ...content, workspace: { config: 'x'.repeat(configurationMaxBytes), secrets: '' } },
      });
      expect(huge).toMatchObject({ status: 413, body: { status_code: 413 } });
    });

    it('a collaborator can read but not upload', async () => {
      const id = await workspaceId('analytics');
      // carol is a collaborator of acme; give her a key through the seed API.
      await applySeed(plane.store, {
        users: [{ username: 'carol' }],
        api_keys: [{ username: 'carol', name: 'k', key: 'dlt_u_fixture_carol_0123456789' }],
      });
      const carol = 'dlt_u_fixture_carol_0123456789';
      expect((await get(apiPaths.workspace(id), carol)).status).toBe(200);
      const upload = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: carol,
        body: content,
      });
      expect(upload.status).toBe(403);
    });
  });

  it('unknown paths are 404 and wrong methods 405, both as {status_code, detail}', async () => {
    expect((await get('/api/v1/nothing')).body).toEqual({
      status_code: 404,
      detail: 'No such endpoint: GET /api/v1/nothing.',
    });
    expect((await api(plane.url, 'DELETE', apiPaths.me(), { token: aliceToken })).status).toBe(405);
    const badJson = await api(plane.url, 'POST', apiPaths.apiKeys(), {
      token: aliceToken,
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.body).toEqual({ status_code: 400, detail: 'Request body is not valid JSON.' });
  });

  it('concurrent writes all land in the database', async () => {
    const orgs = await get(apiPaths.organizations());
    const betaId = orgs.body.items[1].id;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api(plane.url, 'POST', apiPaths.organizationWorkspaces(betaId), {
          token: aliceToken,
          body: { name: `parallel-${i}` },
        }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const { workspaces } = await dumpTables(plane.store);
    expect(workspaces.filter((w) => w.name.startsWith('parallel-'))).toHaveLength(40);
  });
});
