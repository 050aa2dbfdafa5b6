import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { apiPaths } from '@dlthub/api-schema';
import { encrypt } from './encryption';
import { sha256Hex } from './secrets';
import { aliceToken, api, databaseBytesOnDisk, demoSeed, dumpTables, tempDir } from './__fixtures__/harness';
import { startProcess } from './__fixtures__/process';
import { startControlPlane } from './server';
import { emptyState, type State } from './state';
import { openStore } from './store/open';
import { legacyContentsDirName, stateFileName } from './store/import-state-file';
import { sqliteFileName } from './store/sqlite';

const content = {
  profiles: { prod: { config: '[destination.w]\ntype = "duckdb"\n', secrets: 'password = "at-rest-secret-pw"\n' } },
  workspace: { config: '', secrets: '' },
};

describe('SQLite store in the data dir', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('cp-store-')));
  afterEach(() => cleanup());

  it('uploaded secrets are encrypted at rest (AES-256-GCM); key 0600 generated on first start; data dir 0700', async () => {
    const dataDir = join(dir, 'data');
    const plane = await startControlPlane({ dataDir, seed: demoSeed });
    let configurationId: string;
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, sqliteFileName)).mode & 0o777).toBe(0o600);
      const id = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken })).body.items[0].id;
      const upload = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: content,
      });
      expect(upload.status).toBe(201);
      configurationId = upload.body.id;
      const onDisk = databaseBytesOnDisk(dataDir);
      expect(onDisk).toContain('dlthub-aes256gcm-v1:');
      expect(onDisk).not.toContain('at-rest-secret-pw');
      expect(onDisk).not.toContain('duckdb');
      const stored = await plane.store.read((tx) => tx.configurationContent(configurationId));
      expect(JSON.parse(stored!)).toEqual(content);
    } finally {
      await plane.close();
    }
    // Another key cannot read it, and a server given another key refuses to start rather than mix keys.
    const otherKey = join(dir, 'other.key');
    writeFileSync(otherKey, Buffer.alloc(32, 7).toString('base64'));
    await expect(startControlPlane({ dataDir, secretsKeyFile: otherKey })).rejects.toThrow(
      'The secrets key is not the one this database was written with',
    );
  });

  it('keeps a schema_migrations table, uses WAL and foreign keys, and refuses a newer schema', async () => {
    const dataDir = join(dir, 'data');
    await (await startControlPlane({ dataDir, seed: demoSeed })).close();
    const db = new Database(join(dataDir, sqliteFileName));
    try {
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'x')").run();
    } finally {
      db.close();
    }
    await expect(startControlPlane({ dataDir })).rejects.toThrow(
      'The database has schema version 99, newer than this control plane knows (6)',
    );
  });

  it('a transaction that throws changes nothing; a foreign key that points nowhere is refused', async () => {
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const org = { id: 'o1', name: 'o', created_at: new Date().toISOString() };
      await expect(
        store.write(async (tx) => {
          await tx.insert('organizations', org);
          throw new Error('refused halfway');
        }),
      ).rejects.toThrow('refused halfway');
      expect(await store.read((tx) => tx.list('organizations'))).toEqual([]);
      // Compared by message: the native module's errors may come from another test file's realm.
      const refused = await store
        .write(async (tx) => {
          await tx.insert('organizations', org);
          await tx.insert('memberships', { user_id: 'nobody', organization_id: 'o1', role: 'owner' });
        })
        .then(
          () => 'committed',
          (error: unknown) => String((error as { message?: unknown }).message),
        );
      expect(refused).toMatch(/FOREIGN KEY constraint failed/);
      expect(await store.read((tx) => tx.list('organizations'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('a write the disk refuses fails whole: no phantom, no stray file; a retry succeeds and survives a restart', async () => {
    const dataDir = join(dir, 'data');
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
    const plane = await startProcess(['--data-dir', dataDir, '--seed', seedFile, '--quiet']);
    const pid = String(plane.child.pid);
    try {
      const orgs = await api(plane.url, 'GET', apiPaths.organizations(), { token: aliceToken });
      const acme = orgs.body.items[0].id;
      const workspaceId = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken })).body.items[0].id;
      const filesBefore = readdirSync(dataDir).sort();
      // From here on the disk takes no byte from this process: every write to a file fails (EFBIG).
      execFileSync('prlimit', ['--pid', pid, '--fsize=0:unlimited']);
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
      // Reads still work and see nothing of the refused writes.
      const list = await api(plane.url, 'GET', apiPaths.organizationWorkspaces(acme), { token: aliceToken });
      expect(list.body.items.map((w: { name: string }) => w.name)).not.toContain('phantom');
      const versions = await api(plane.url, 'GET', apiPaths.workspaceConfigurations(workspaceId), {
        token: aliceToken,
      });
      expect(versions.body.total).toBe(0);
      expect(readdirSync(dataDir).sort()).toEqual(filesBefore);

      execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:unlimited']);
      const retry = await api(plane.url, 'POST', apiPaths.organizationWorkspaces(acme), {
        token: aliceToken,
        body: { name: 'phantom' },
      });
      expect(retry.status).toBe(201);
    } finally {
      await plane.stop('SIGKILL');
    }
    const store = await openStore({ dataDir });
    try {
      const { workspaces, configurations } = await dumpTables(store);
      expect(workspaces.filter((w) => w.name === 'phantom')).toHaveLength(1);
      expect(configurations).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('imports a data dir of an older version (state.json and encrypted blobs) once, then renames them', async () => {
    const dataDir = join(dir, 'old');
    mkdirSync(join(dataDir, legacyContentsDirName), { recursive: true });
    const key = Buffer.alloc(32, 3);
    writeFileSync(join(dataDir, 'secrets.key'), key.toString('base64'), { mode: 0o600 });
    const at = '2026-01-01T00:00:00.000Z';
    const state: State = {
      ...emptyState(),
      users: [{ id: 'u1', username: 'alice', email: null, name: 'Alice', created_at: at }],
      organizations: [{ id: 'o1', name: 'acme', created_at: at }],
      memberships: [{ user_id: 'u1', organization_id: 'o1', role: 'owner' }],
      workspaces: [
        {
          id: 'w1',
          name: 'analytics',
          description: null,
          organization_id: 'o1',
          repository: 'git@x:r.git',
          created_at: at,
        },
      ],
      jobs: [{ id: 'j1', name: 'daily', workspace_id: 'w1', active: true }],
      access_tokens: [
        {
          token_hash: sha256Hex(aliceToken),
          user_id: 'u1',
          created_at: at,
          expires_at: '2099-01-01T00:00:00.000Z',
        },
      ],
      configurations: [
        { id: 'c1', workspace_id: 'w1', version: 1, content_hash: 'h1', profiles: ['prod'], size: 10, created_at: at },
      ],
    };
    writeFileSync(join(dataDir, stateFileName), JSON.stringify(state));
    writeFileSync(
      join(dataDir, legacyContentsDirName, 'c1.json'),
      encrypt(key, JSON.stringify(content), `${legacyContentsDirName}/c1.json`),
    );

    const plane = await startControlPlane({ dataDir });
    try {
      const me = await api(plane.url, 'GET', apiPaths.me(), { token: aliceToken });
      expect(me.body).toMatchObject({ user: { username: 'alice' }, organizations: [{ name: 'acme', role: 'owner' }] });
      const latest = await api(plane.url, 'GET', apiPaths.workspaceLatestConfiguration('w1'), { token: aliceToken });
      expect(latest.body).toMatchObject({ id: 'c1', version: 1, profiles: ['prod'] });
      const stored = await plane.store.read((tx) => tx.configurationContent('c1'));
      expect(JSON.parse(stored!)).toEqual(content);
    } finally {
      await plane.close();
    }
    expect(existsSync(join(dataDir, stateFileName))).toBe(false);
    expect(existsSync(join(dataDir, `${stateFileName}.migrated`))).toBe(true);
    expect(existsSync(join(dataDir, `${legacyContentsDirName}.migrated`, 'c1.json'))).toBe(true);

    // A kill between the import's commit and the rename leaves state.json: the next start only renames it.
    execFileSync('mv', [join(dataDir, `${stateFileName}.migrated`), join(dataDir, stateFileName)]);
    const again = await startControlPlane({ dataDir });
    try {
      const { users, configurations } = await dumpTables(again.store);
      expect(users).toHaveLength(1);
      expect(configurations).toHaveLength(1);
    } finally {
      await again.close();
    }
    expect(existsSync(join(dataDir, stateFileName))).toBe(false);
  });

  it('an unreadable state.json stops the start with the file named, and imports nothing', async () => {
    const dataDir = join(dir, 'broken');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, stateFileName), '{half');
    await expect(startControlPlane({ dataDir })).rejects.toThrow(`${join(dataDir, stateFileName)} is not valid JSON`);
    expect(existsSync(join(dataDir, stateFileName))).toBe(true);
  });
});
