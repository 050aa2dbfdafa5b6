import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { aliceToken, api, demoSeed, tempDir } from './__fixtures__/harness';
import { configurationsDirName, stateFileName } from './store';
import { startControlPlane } from './server';

const content = {
  profiles: { prod: { config: '[destination.w]\ntype = "duckdb"\n', secrets: 'password = "at-rest-secret-pw"\n' } },
  workspace: { config: '', secrets: '' },
};

describe('state on disk', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('cp-store-')));
  afterEach(() => cleanup());

  it('uploaded secrets are encrypted at rest (AES-256-GCM); key 0600 generated on first start; data dir 0700', async () => {
    const plane = await startControlPlane({ dataDir: join(dir, 'data'), seed: demoSeed });
    try {
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'data', 'secrets.key')).mode & 0o777).toBe(0o600);
      const id = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken })).body.items[0].id;
      const upload = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: content,
      });
      expect(upload.status).toBe(201);
      const blob = join(configurationsDirName, `${upload.body.id}.json`);
      const onDisk = readFileSync(join(dir, 'data', blob), 'utf8');
      expect(onDisk).toMatch(/^dlthub-aes256gcm-v1:/);
      expect(onDisk).not.toContain('at-rest-secret-pw');
      expect(onDisk).not.toContain('duckdb');
      expect(JSON.parse(plane.store.readBlob(blob))).toEqual(content);
    } finally {
      await plane.close();
    }
    // Another key cannot read it (the key is what protects it).
    const otherKey = join(dir, 'other.key');
    writeFileSync(otherKey, Buffer.alloc(32, 7).toString('base64'));
    const other = await startControlPlane({ dataDir: join(dir, 'data'), secretsKeyFile: otherKey });
    try {
      const [name] = readdirSync(join(dir, 'data', configurationsDirName));
      expect(() => other.store.readBlob(join(configurationsDirName, name))).toThrow();
    } finally {
      await other.close();
    }
  });

  it('a write that fails on disk changes nothing: no phantom in memory, a retry succeeds, no orphaned blob', async () => {
    const dataDir = join(dir, 'data');
    const plane = await startControlPlane({ dataDir, seed: demoSeed });
    try {
      const orgs = await api(plane.url, 'GET', apiPaths.organizations(), { token: aliceToken });
      const acme = orgs.body.items[0].id;
      const workspaceId = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken })).body.items[0].id;
      // The disk refuses: state.json becomes a non-empty directory, so the atomic rename fails (even as root).
      rmSync(join(dataDir, stateFileName));
      mkdirSync(join(dataDir, stateFileName));
      writeFileSync(join(dataDir, stateFileName, 'x'), '');
      const failed = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acme), {
        token: aliceToken,
        body: { name: 'phantom' },
      });
      expect(failed.body).toEqual({ status_code: 500, detail: 'Internal server error.' });
      const failedUpload = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(workspaceId), {
        token: aliceToken,
        body: content,
      });
      expect(failedUpload.status).toBe(500);
      const list = await api(plane.url, 'GET', apiPaths.organizationWorkspaces(acme), { token: aliceToken });
      expect(list.body.items.map((w: { name: string }) => w.name)).not.toContain('phantom');
      expect(readdirSync(join(dataDir, configurationsDirName))).toEqual([]);
      expect(readdirSync(dataDir).filter((n) => n.startsWith(`${stateFileName}.`))).toEqual([]);

      rmSync(join(dataDir, stateFileName), { recursive: true });
      const retry = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acme), {
        token: aliceToken,
        body: { name: 'phantom' },
      });
      expect(retry.status).toBe(201);
    } finally {
      await plane.close();
    }
    const restarted = await startControlPlane({ dataDir });
    try {
      expect(restarted.store.state.workspaces.map((w) => w.name)).toContain('phantom');
    } finally {
      await restarted.close();
    }
  });

  it('temp files and blobs without a record, left by a kill, are removed at start', async () => {
    const dataDir = join(dir, 'data');
    await (await startControlPlane({ dataDir, seed: demoSeed })).close();
    writeFileSync(join(dataDir, `${stateFileName}.1234abcd`), '{half');
    writeFileSync(join(dataDir, configurationsDirName, 'no-record.json'), 'x');
    const plane = await startControlPlane({ dataDir });
    await plane.close();
    expect(existsSync(join(dataDir, `${stateFileName}.1234abcd`))).toBe(false);
    expect(readdirSync(join(dataDir, configurationsDirName))).toEqual([]);
  });
});
