import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type RunningControlPlane } from '@dlthub/control-plane';
import { createClient, type WorkspaceClient } from './client';
import { ApiRequestError } from './errors';

const aliceKey = 'dlt_u_fixture_client_alice_0123456789abcdef';

describe('workspace-client against the local control plane', () => {
  let plane: RunningControlPlane;
  let dataDir: string;
  let client: WorkspaceClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wc-client-'));
    plane = await startControlPlane({
      dataDir,
      seed: {
        users: [{ username: 'alice' }],
        organizations: [
          {
            name: 'acme',
            members: [{ username: 'alice', role: 'owner' }],
            workspaces: [{ name: 'analytics', jobs: ['load'] }, { name: 'web' }],
          },
          { name: 'beta', members: [{ username: 'alice', role: 'member' }], workspaces: [{ name: 'sandbox' }] },
        ],
        api_keys: [{ username: 'alice', name: 'tests', key: aliceKey }],
      },
    });
    client = createClient({ baseUrl: `${plane.url}/`, token: aliceKey, env: {} });
  });
  afterAll(async () => {
    await plane.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('me, organizations and workspaces are typed and validated', async () => {
    const me = await client.me();
    expect(me.user.username).toBe('alice');
    expect(me.organizations.map((o) => `${o.name}:${o.role}`)).toEqual(['acme:owner', 'beta:member']);
    const orgs = await client.listOrganizations();
    expect(orgs.total).toBe(2);
    const page = await client.listWorkspaces({ limit: 2 });
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect((await client.listAllWorkspaces()).map((w) => `${w.organization_name}/${w.name}`)).toEqual([
      'acme/analytics',
      'acme/web',
      'beta/sandbox',
    ]);
    const beta = orgs.items.find((o) => o.name === 'beta')!;
    expect((await client.listAllWorkspaces({ organizationId: beta.id })).map((w) => w.name)).toEqual(['sandbox']);
    expect((await client.listOrganizationWorkspaces(beta.id)).items.map((w) => w.name)).toEqual(['sandbox']);
  });

  it('creates a workspace, binds repositories and reports deactivated jobs', async () => {
    const acme = (await client.listOrganizations()).items.find((o) => o.name === 'acme')!;
    const created = await client.createWorkspace(acme.id, { name: 'fresh' });
    expect(await client.getWorkspace(created.id)).toEqual(created);
    const duplicate = await client.createWorkspace(acme.id, { name: 'fresh' }).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ code: 'Conflict', status: 409 });

    const analytics = (await client.listAllWorkspaces()).find((w) => w.name === 'analytics')!;
    await client.bindRepository(analytics.id, 'git@example.test:acme/app.git');
    const moved = await client.bindRepository(created.id, 'git@example.test:acme/app.git');
    expect(moved).toMatchObject({ previous_workspace_id: analytics.id, deactivated_jobs: 1 });
    expect((await client.listJobs(analytics.id)).items).toEqual([]);
    expect((await client.listJobs(analytics.id, { archived: true })).items[0]).toMatchObject({
      name: 'load',
      active: false,
    });
  });

  it('uploads configurations with the shared content hash and dedupes', async () => {
    const web = (await client.listAllWorkspaces()).find((w) => w.name === 'web')!;
    expect(await client.getLatestConfiguration(web.id)).toBeNull();
    const content = {
      profiles: { prod: { config: 'a = 1\n', secrets: 'b = "s"\n' } },
      workspace: { config: '', secrets: '' },
    };
    const first = await client.uploadConfiguration(web.id, content);
    expect(first).toMatchObject({ version: 1, created: true });
    const again = await client.uploadConfiguration(web.id, content);
    expect(again).toMatchObject({ version: 1, created: false, id: first.id });
    expect(await client.getLatestConfiguration(web.id)).toMatchObject({ version: 1 });
    expect((await client.listConfigurations(web.id)).total).toBe(1);
  });

  it('API keys: created once, listed without the key, deleted', async () => {
    const created = await client.createApiKey({ name: 'laptop' });
    expect(created.key.startsWith('dlt_u_')).toBe(true);
    const listed = await client.listApiKeys();
    expect(listed.items.some((k) => k.id === created.id && !('key' in k))).toBe(true);
    await client.deleteApiKey(created.id);
    const withDeletedKey = createClient({ baseUrl: plane.url, token: created.key, env: {} });
    const error = await withDeletedKey.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'Auth', status: 401, hint: 'Run `dlthub login` to sign in again.' });
    expect((error as Error).message).not.toContain(created.key);
  });

  it('revokeCurrentToken ends the credential on the server (logout)', async () => {
    const created = await client.createApiKey({ name: 'short-lived' });
    const withKey = createClient({ baseUrl: plane.url, token: created.key, env: {} });
    expect((await withKey.me()).user.username).toBe('alice');
    await withKey.revokeCurrentToken();
    expect(await withKey.me().catch((e: unknown) => e)).toMatchObject({ code: 'Auth', status: 401 });
    expect((await client.me()).user.username).toBe('alice');
  });

  it('other organizations are NotFound', async () => {
    await expect(client.getWorkspace('missing')).rejects.toMatchObject({ code: 'NotFound', status: 404 });
  });
});
