import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killDuringBursts } from './__fixtures__/kill-rounds';
import { tempDir } from './__fixtures__/harness';
import { openStore } from './store/open';
import { startTestPostgres, type TestPostgres } from './testing/postgres';

jest.setTimeout(240_000);

describe('kill -9 during bursts of writes, ten rounds', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('cp-kill-')));
  afterEach(() => cleanup());

  it('SQLite: every acknowledged write is there, none half-applied', async () => {
    const dataDir = join(dir, 'data');
    const counts = await killDuringBursts({
      dir,
      serverArgs: ['--data-dir', dataDir],
      openStore: () => openStore({ dataDir }),
    });
    expect(counts.workspaces + counts.configurations).toBeGreaterThan(20);
  });

  describe('PostgreSQL', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startTestPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });

    it('every acknowledged write is there, none half-applied', async () => {
      const databaseUrl = await postgres.createDatabase('kill_rounds');
      const keyFile = join(dir, 'secrets.key');
      writeFileSync(keyFile, Buffer.alloc(32, 9).toString('base64'), { mode: 0o600 });
      const counts = await killDuringBursts({
        dir,
        serverArgs: ['--database-url', databaseUrl, '--secrets-key-file', keyFile],
        openStore: () => openStore({ databaseUrl, secretsKeyFile: keyFile }),
      });
      expect(counts.workspaces + counts.configurations).toBeGreaterThan(20);
    });
  });
});
