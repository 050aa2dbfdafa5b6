import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { aliceApiKey, aliceToken, api, demoSeed, tempDir } from './__fixtures__/harness';
import { runToEnd, startProcess } from './__fixtures__/process';
import { sqliteFileName } from './store/sqlite';

describe('dlthub-control-plane process', () => {
  let dir: string;
  let cleanup: () => void;
  let seedFile: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('cp-cli-'));
    seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
  });
  afterEach(() => cleanup());

  function expectNoSecrets(text: string): void {
    expect(text).not.toContain(aliceApiKey);
    expect(text).not.toContain(aliceToken);
  }

  it('seeds with the admin command, prints the URL first, and keeps everything across a restart', async () => {
    const dataDir = join(dir, 'data');
    const seeded = await runToEnd(['seed', '--data-dir', dataDir, '--file', seedFile]);
    expect(seeded.code).toBe(0);
    expect(seeded.stderr).toContain('seeded 3 users, 2 organizations, 3 workspaces, 2 jobs, 3 API keys, 1 tokens');
    expectNoSecrets(seeded.stdout + seeded.stderr);
    expect(statSync(join(dataDir, sqliteFileName)).mode & 0o777).toBe(0o600);

    const first = await startProcess(['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const list = await api(first.url, 'GET', apiPaths.workspaces(), { token: aliceApiKey });
    const sandbox = list.body.items.find((w: { name: string }) => w.name === 'sandbox');
    const bound = await api(first.url, 'PUT', apiPaths.workspaceRepository(sandbox.id), {
      token: aliceApiKey,
      body: { repository: 'git@example.test:beta/repo.git' },
    });
    expect(bound.status).toBe(200);
    const upload = await api(first.url, 'POST', apiPaths.workspaceConfigurations(sandbox.id), {
      token: aliceApiKey,
      body: { profiles: { prod: { config: 'a = 1\n', secrets: '' } }, workspace: { config: '', secrets: '' } },
    });
    expect(upload.status).toBe(201);
    // Killed without any chance to flush: every acknowledged write must already be on disk.
    expect(await first.stop('SIGKILL')).toBeNull();
    const firstOutput = first.output();
    expect(firstOutput.stdout).toBe(`${first.url}\n`);
    expect(firstOutput.stderr).toContain(`PUT /api/v1/workspaces/${sandbox.id}/repository 200`);
    expectNoSecrets(firstOutput.stdout + firstOutput.stderr);

    const second = await startProcess(['--data-dir', dataDir, '--quiet']);
    const workspace = await api(second.url, 'GET', apiPaths.workspace(sandbox.id), { token: aliceApiKey });
    expect(workspace.body.repository).toBe('git@example.test:beta/repo.git');
    const latest = await api(second.url, 'GET', apiPaths.workspaceLatestConfiguration(sandbox.id), {
      token: aliceApiKey,
    });
    expect(latest.body).toMatchObject({ version: 1, content_hash: upload.body.content_hash });
    expect(await second.stop('SIGINT')).toBe(0);
    expect(second.output().stderr).toContain('received SIGINT');
  });

  it('applies --seed at start', async () => {
    const plane = await startProcess(['--data-dir', join(dir, 'data'), '--seed', seedFile, '--quiet']);
    try {
      const me = await api(plane.url, 'GET', apiPaths.me(), { token: aliceToken });
      expect(me.body.user.username).toBe('alice');
    } finally {
      expect(await plane.stop('SIGTERM')).toBe(0);
    }
    expect(plane.output().stderr).toContain('received SIGTERM, shutting down');
    expectNoSecrets(plane.output().stdout + plane.output().stderr);
  });

  it('usage errors exit 2 and say what is missing', async () => {
    const result = await runToEnd(['--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data-dir <dir> (or --database-url <url>) is required.');
    const badSeed = await runToEnd(['seed', '--data-dir', join(dir, 'd'), '--file', join(dir, 'missing.json')]);
    expect(badSeed.code).toBe(1);
    expect(badSeed.stderr).toContain('Cannot read seed file');
  });
});
