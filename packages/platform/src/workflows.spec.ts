/**
 * The workflows driven by a host that is not the CLI (as the Nx plugin would drive them), against the
 * real local control plane: connect, then sync a profile that a plugin registers as synced.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startControlPlane, type RunningControlPlane } from '@dlthub/control-plane';
import {
  createRegistry,
  defineProfile,
  definePlugin,
  openWorkspace,
  type Registry,
  type Workspace,
} from '@dlthub/config-core';
import type { PlatformHost, WorkspacePrompts } from './host';
import { openSession, requireClient } from './session';
import { connectWorkspace } from './workspace-connect';
import { syncConfiguration } from './configuration-sync';
import { readLocalBinding } from './workspace-binding';

const aliceKey = 'dlt_u_fixture_platform_alice_0123456789abcdef';

const profile = (name: string, scope: 'local' | 'synced') =>
  defineProfile({ name, scope, description: `${name} profile`, usedBy: 'tests' });

const registry: Registry = createRegistry([
  definePlugin({ name: 'builtin-profiles', profiles: [profile('dev', 'local'), profile('prod', 'synced')] }),
  definePlugin({ name: 'acme-profiles', profiles: [profile('staging', 'synced')] }),
]);

/** A host that records what the workflows report, as an Nx executor would collect it. */
function recordingHost(root: string, env: Record<string, string>, interactive: boolean) {
  const messages: string[] = [];
  const secrets: unknown[] = [];
  const host: PlatformHost = {
    env,
    insecure: false,
    interactive,
    userAgent: 'dlthub-platform-spec',
    workspace: (): Workspace => openWorkspace({ cwd: root, env, globalDir: path.join(root, 'global'), registry }),
    registry: () => registry,
    progress: { info: (text) => messages.push(`info: ${text}`), warn: (text) => messages.push(`warn: ${text}`) },
    protectSecret: (value) => secrets.push(value),
  };
  return { host, messages, secrets };
}

/** A user who never answers: any question fails the test. */
const noQuestions: WorkspacePrompts = {
  confirm: (message) => Promise.reject(new Error(`unexpected confirm: ${message}`)),
  pickWorkspace: () => Promise.reject(new Error('unexpected picker')),
  askWorkspaceName: () => Promise.reject(new Error('unexpected name question')),
  askOrganization: () => Promise.reject(new Error('unexpected organization question')),
};

describe('platform workflows with a non-CLI host, against the local control plane', () => {
  let plane: RunningControlPlane;
  let dataDir: string;
  let root: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-platform-plane-'));
    plane = await startControlPlane({
      dataDir,
      seed: {
        users: [{ username: 'alice' }],
        organizations: [
          {
            name: 'acme',
            members: [{ username: 'alice', role: 'owner' }],
            workspaces: [{ name: 'analytics' }, { name: 'web' }],
          },
        ],
        api_keys: [{ username: 'alice', name: 'tests', key: aliceKey }],
      },
    });
  });
  afterAll(async () => {
    await plane.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-platform-ws-'));
    const write = (relative: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    };
    write('.dlt/.workspace', '');
    write('.dlt/config.toml', `[runtime]\napi_base_url = "${plane.url}"\n`);
    write('.dlt/dev.secrets.toml', '[sources.crm]\ntoken = "dev-only-token"\n');
    write('.dlt/prod.config.toml', '[x]\ny = 1\n');
    write('.dlt/staging.secrets.toml', '[sources.crm]\ntoken = "staging-token"\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('connects by name, then uploads the synced profiles, the plugin-registered one included', async () => {
    const { host, messages, secrets } = recordingHost(
      root,
      { PATH: process.env.PATH ?? '', RUNTIME__API_KEY: aliceKey },
      false,
    );
    const session = openSession(host, { requireWorkspace: true });
    expect(session.credentials.kind).toBe('api_key');
    expect(secrets).toContain(aliceKey);
    const client = requireClient(session);
    try {
      const connected = await connectWorkspace(host, { session, client, prompts: noQuestions, nameOrId: 'analytics' });
      expect(connected).toMatchObject({
        created: false,
        alreadyConnected: false,
        configFile: '.dlt/config.toml',
        organizationWritten: true,
        repository: { source: 'directory' },
      });
      expect(connected.workspace.name).toBe('analytics');
      expect(readLocalBinding(host.workspace()).workspaceId).toBe(connected.workspace.id);

      const synced = await syncConfiguration(host, { session: openSession(host), dryRun: false, client });
      expect(synced).toMatchObject({ status: 'uploaded', version: 1, workspaceId: connected.workspace.id });
      expect(synced.collected.profiles).toEqual(['prod', 'staging']);
      const latest = await client.getLatestConfiguration(connected.workspace.id);
      expect(latest?.profiles.sort()).toEqual(['prod', 'staging']);
      expect(JSON.stringify(synced.collected.content)).not.toContain('dev-only-token');

      const again = await syncConfiguration(host, { session: openSession(host), dryRun: false, client });
      expect(again).toMatchObject({ status: 'unchanged', version: 1 });
      expect(messages).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('never prompts a host that cannot ask: without a workspace name it refuses and writes nothing', async () => {
    const env = { PATH: process.env.PATH ?? '', RUNTIME__API_KEY: aliceKey };
    const batch = recordingHost(root, env, false);
    const batchSession = openSession(batch.host, { requireWorkspace: true });
    const batchClient = requireClient(batchSession);
    try {
      await expect(
        connectWorkspace(batch.host, { session: batchSession, client: batchClient, prompts: noQuestions }),
      ).rejects.toMatchObject({ code: 'Usage', message: 'Cannot choose a workspace non-interactively.' });
    } finally {
      await batchClient.close();
    }
    expect(readLocalBinding(batch.host.workspace()).workspaceId).toBeUndefined();
  });
});
