import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { aliceToken, api, demoSeed, dumpTables, tempDir } from './__fixtures__/harness';
import { startProcess } from './__fixtures__/process';
import { startControlPlane } from './server';
import { openStore } from './store/open';
import { startTestPostgres, type TestPostgres } from './testing/postgres';

jest.setTimeout(120_000);

const upload = (n: number) => ({
  profiles: { prod: { config: `n = ${n}\n`, secrets: `password = "pg-secret-${n}"\n` } },
  workspace: { config: '', secrets: '' },
});

describe('PostgreSQL store (a real server the test starts)', () => {
  let postgres: TestPostgres;
  let dir: string;
  let cleanup: () => void;
  let keyFile: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-pg-'));
    keyFile = join(dir, 'secrets.key');
    writeFileSync(keyFile, Buffer.alloc(32, 5).toString('base64'), { mode: 0o600 });
    // No skip: when the server cannot start, this throws and every test here fails with the reason.
    postgres = await startTestPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
    cleanup?.();
  });

  it('serves the API, encrypts contents, rolls a failed transaction back, and refuses another key', async () => {
    const databaseUrl = await postgres.createDatabase('api');
    const plane = await startControlPlane({ databaseUrl, secretsKeyFile: keyFile, seed: demoSeed });
    try {
      const me = await api(plane.url, 'GET', apiPaths.me(), { token: aliceToken });
      expect(me.body.user.username).toBe('alice');
      const workspaceId = (await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken })).body.items[0].id;
      const uploaded = await api(plane.url, 'POST', apiPaths.workspaceConfigurations(workspaceId), {
        token: aliceToken,
        body: upload(1),
      });
      expect(uploaded.status).toBe(201);
      expect(await plane.store.read((tx) => tx.configurationContent(uploaded.body.id))).toBe(JSON.stringify(upload(1)));
      await expect(
        plane.store.write(async (tx) => {
          await tx.insert('organizations', { id: 'half', name: 'half', created_at: new Date().toISOString() });
          await tx.insert('memberships', { user_id: 'nobody', organization_id: 'half', role: 'owner' });
        }),
      ).rejects.toThrow(/foreign key/);
      expect((await dumpTables(plane.store)).organizations.map((o) => o.name)).not.toContain('half');
    } finally {
      await plane.close();
    }
    const otherKey = join(dir, 'other.key');
    writeFileSync(otherKey, Buffer.alloc(32, 6).toString('base64'));
    await expect(startControlPlane({ databaseUrl, secretsKeyFile: otherKey })).rejects.toThrow(
      'The secrets key is not the one this database was written with',
    );
  });

  it('pages lists by offset and limit (no limit: all the rest) and by keyset, values passed as parameters', async () => {
    const store = await openStore({ databaseUrl: await postgres.createDatabase('paging'), secretsKeyFile: keyFile });
    try {
      await store.write(async (tx) => {
        for (const name of ['e', 'a', 'd', 'b', 'c'])
          await tx.insert('organizations', { id: `org-${name}`, name, created_at: '2026-12-07T00:00:00.000Z' });
      });
      const pages = await store.read(async (tx) => {
        const names = async (order: Parameters<typeof tx.list<'organizations'>>[2]) =>
          (await tx.list('organizations', {}, order)).map((row) => row.name);
        return [
          await names({ by: 'name', limit: 2, offset: 1 }),
          await names({ by: 'name', offset: 3 }),
          await names({ by: 'name', after: 'b', limit: 2 }),
          await names({ by: 'name', descending: true, after: 'c' }),
        ];
      });
      expect(pages).toEqual([
        ['b', 'c'],
        ['d', 'e'],
        ['c', 'd'],
        ['b', 'a'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('two instances on one database both serve, and concurrent uploads get distinct consecutive versions', async () => {
    const databaseUrl = await postgres.createDatabase('two_instances');
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
    const args = ['--database-url', databaseUrl, '--secrets-key-file', keyFile, '--quiet'];
    // Both start at once: the schema is created once (the migration takes a lock), the seed applies twice harmlessly.
    const [a, b] = await Promise.all([
      startProcess([...args, '--seed', seedFile, '--uploads-per-hour', '1000']),
      startProcess([...args, '--seed', seedFile, '--uploads-per-hour', '1000']),
    ]);
    try {
      const orgs = await api(a.url, 'GET', apiPaths.organizations(), { token: aliceToken });
      const acme = orgs.body.items.find((o: { name: string }) => o.name === 'acme').id;
      const created = await api(a.url, 'POST', apiPaths.organizationWorkspaces(acme), {
        token: aliceToken,
        body: { name: 'shared' },
      });
      expect(created.status).toBe(201);
      const seenByB = await api(b.url, 'GET', apiPaths.workspace(created.body.id), { token: aliceToken });
      expect(seenByB.body).toMatchObject({ name: 'shared', organization_name: 'acme' });

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          api(n % 2 ? a.url : b.url, 'POST', apiPaths.workspaceConfigurations(created.body.id), {
            token: aliceToken,
            body: upload(n),
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(results.map((r) => r.body.version).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      // The same name created through both at once: one 201, one 409, never two.
      const race = await Promise.all(
        [a, b].map((plane) =>
          api(plane.url, 'POST', apiPaths.organizationWorkspaces(acme), { token: aliceToken, body: { name: 'race' } }),
        ),
      );
      expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const store = await openStore({ databaseUrl, secretsKeyFile: keyFile });
    try {
      const { users, workspaces } = await dumpTables(store);
      expect(users.map((u) => u.username).sort()).toEqual(['alice', 'bob', 'carol']);
      expect(workspaces.filter((w) => w.name === 'race')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
