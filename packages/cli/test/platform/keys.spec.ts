import * as fs from 'node:fs';
import * as path from 'node:path';
import { api, killRunningClis, loggedIn, sandbox, startControlPlane, tempDir, type ControlPlane } from './harness';

jest.setTimeout(60_000);

let root: string;
let plane: ControlPlane;

beforeAll(async () => {
  root = tempDir('dlthub-e2e-keys-');
  plane = await startControlPlane(path.join(root, 'cp'));
});

afterAll(async () => {
  killRunningClis();
  await plane?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('dlthub auth keys', () => {
  it('create prints the key once on stdout; list shows it without the key; revoke ends it', async () => {
    const box = sandbox(root, 'keys', plane.url);
    loggedIn(box);
    const created = await box.run(['auth', 'keys', 'create', 'laptop', '--expires-in-days', '7']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^dlt_u_\S+$/);
    expect(created.stderr).toContain('Created API key "laptop"');
    expect(created.stderr).toContain('shown only this once');
    expect(created.stderr).not.toContain(key);
    expect((await api(plane.url, 'GET', '/api/v1/me', key)).status).toBe(200);

    const listed = await box.runJson(['auth', 'keys', 'list']);
    const entry = listed.api_keys.find((k: { name: string }) => k.name === 'laptop');
    expect(entry).toMatchObject({ key_prefix: key.slice(0, 10) });
    expect(JSON.stringify(listed)).not.toContain(key);

    const revoked = await box.run(['auth', 'keys', 'revoke', entry.id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain(`Revoked API key ${entry.id}.`);
    expect((await api(plane.url, 'GET', '/api/v1/me', key)).status).toBe(401);
    const again = await box.run(['auth', 'keys', 'revoke', entry.id]);
    expect(again.code).toBe(1);

    const usage = await box.run(['auth', 'keys', 'create']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('needs a name');
  });
});
