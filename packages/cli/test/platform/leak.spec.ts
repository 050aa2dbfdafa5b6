/**
 * The leak suite: every read and platform command, in text, --json and -v, plus the error paths, run
 * with secrets planted in every file family (workspace, profile and global; config and secrets), the
 * environment and the server (a repository URL with a password, the login token and API key). No
 * planted value may appear in any byte any command prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  allCapturedOutput,
  api,
  fixture,
  killRunningClis,
  sandbox,
  secretValues,
  startControlPlane,
  tempDir,
  type ControlPlane,
  type Sandbox,
} from './harness';

jest.setTimeout(600_000);

const planted = {
  notionKey: 'planted-notion-api-key-3f9a1c7e',
  license: 'planted-license-value-8d2b6e0a',
  urlPassword: 'planted-url-password-5c1e9b3d',
  devPassword: 'planted-dev-password-7a4f2c8e',
  slashPassword: 'planted-slash-password-1b8d4f6a',
  prodPassword: 'planted-prod-password-9e3c7a1f',
  prodToken: 'planted-prod-auth-token-2d6f0b4c',
  globalSecret: 'planted-global-secret-6a0e4c8b',
  globalConfigPassword: 'planted-global-config-pw-4e8a2d6c',
  envPassword: 'planted-env-password-0c4a8e2f',
  envApiKey: 'planted-env-api-key-8f2c6a0e',
  serverPassword: 'planted-server-repo-pw-3a7e1c5b',
};
secretValues.push(...Object.values(planted));

let root: string;
let plane: ControlPlane;
let shop: Sandbox;
let orgs: Record<string, string>;

const env = {
  DESTINATION__WAREHOUSE__CREDENTIALS__PASSWORD: planted.envPassword,
  SOURCES__NOTION__API_KEY: planted.envApiKey,
};

beforeAll(async () => {
  root = tempDir('dlthub-e2e-leak-');
  plane = await startControlPlane(path.join(root, 'cp'), ['--poll-interval', '1']);
  const me = await api(plane.url, 'GET', '/api/v1/me');
  orgs = Object.fromEntries(me.body.organizations.map((org: { name: string; id: string }) => [org.name, org.id]));
  const workspaces = (await api(plane.url, 'GET', '/api/v1/workspaces')).body.items as Array<{
    id: string;
    name: string;
    organization_name: string;
  }>;
  // The server holds a repository URL with a password in it (a careless binding by someone else).
  const sandboxWs = workspaces.find((ws) => ws.organization_name === 'beta-corp' && ws.name === 'sandbox')!;
  await api(plane.url, 'PUT', `/api/v1/workspaces/${sandboxWs.id}/repository`, fixture.aliceApiKey, {
    repository: `https://ci:${planted.serverPassword}@example.test/beta/sandbox.git`,
  });

  shop = sandbox(root, 'leaky', plane.url, 'git@example.test:acme/leaky.git');
  shop.write(
    '.dlt/config.toml',
    `# workspace-wide config\n[runtime]\nlog_level = "WARNING"\n\n[sources.api]\nbase_url = "https://svc:${planted.urlPassword}@api.example.test/v1"\n`,
  );
  shop.write(
    '.dlt/secrets.toml',
    `license = "${planted.license}"\n[runtime]\napi_key = "${fixture.aliceApiKey}"\n[sources.notion]\napi_key = "${planted.notionKey}"\n`,
  );
  shop.write(
    '.dlt/dev.config.toml',
    '[destination.warehouse]\ndestination_type = "postgres"\n[destination.lake]\ndestination_type = "postgres"\n',
  );
  shop.write(
    '.dlt/dev.secrets.toml',
    `[destination.warehouse.credentials]\nhost = "db.example.test"\ndatabase = "shop"\nusername = "loader"\npassword = "${planted.devPassword}"\n[destination.lake]\ncredentials = "postgresql:/u:${planted.slashPassword}@h/db"\n`,
  );
  shop.write('.dlt/prod.config.toml', '[destination.warehouse]\ndestination_type = "postgres"\n');
  shop.write(
    '.dlt/prod.secrets.toml',
    `[runtime]\nauth_token = "${planted.prodToken}"\n[destination.warehouse.credentials]\nhost = "prod.example.test"\npassword = "${planted.prodPassword}"\n`,
  );
  fs.writeFileSync(
    path.join(shop.globalDir, 'secrets.toml'),
    `[runtime]\nauth_token = "${fixture.aliceToken}"\n[sources.global]\nsecret = "${planted.globalSecret}"\n`,
    { mode: 0o600 },
  );
  fs.writeFileSync(
    path.join(shop.globalDir, 'config.toml'),
    `[sources.other]\nconnection = "mysql://root:${planted.globalConfigPassword}@localhost/db"\n`,
  );
  const connected = await shop.run(['workspace', 'connect', 'analytics', '--org-id', orgs.acme, '-y'], { env });
  expect(connected.code).toBe(0);
});

afterAll(async () => {
  killRunningClis();
  await plane?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const commands: string[][] = [
  ['profile'],
  ['profile', 'list'],
  ['config', 'show'],
  ['config', 'show', '--show-origin'],
  ['config', 'get', 'destination.warehouse'],
  ['config', 'get', 'destination.warehouse.credentials'],
  ['config', 'get', 'destination.warehouse.credentials.password'],
  ['config', 'get', 'destination.lake.credentials'],
  ['config', 'get', 'sources.api.base_url'],
  ['config', 'get', 'sources.other.connection'],
  ['config', 'get', 'license'],
  ['config', 'get', 'sources.notion.api_key'],
  ['config', 'get', 'sources.global.secret'],
  ['config', 'get', 'runtime.api_key', '--secret'],
  ['config', 'explain', 'password', '--sections', 'destination.warehouse.credentials'],
  ['config', 'explain', 'api_key', '--sections', 'sources.notion'],
  ['config', 'explain', 'credentials', '--sections', 'destination.lake'],
  ['config', 'validate'],
  ['--profile', 'prod', 'config', 'validate'],
  ['destination', 'list'],
  ['local', 'info'],
  ['auth', 'status'],
  ['workspace', 'list'],
  ['workspace', 'info'],
  ['configuration', 'sync', '--dry-run'],
  ['configuration', 'sync'],
  ['deploy'],
  // Error paths.
  ['workspace', 'connect', 'marketing', '--org-id', 'org_does_not_exist'],
  ['workspace', 'connect', 'sandbox', '--org-id', 'another'],
  ['login', '--with-api-key'],
  ['config', 'get', 'destination.nowhere.credentials.password'],
];

const modes: Array<[string, (args: string[]) => string[]]> = [
  ['text', (args) => args],
  ['--json', (args) => [...args, '--json']],
  ['-v', (args) => ['-v', ...args]],
];

describe.each(modes)('every command in %s mode', (_mode, shape) => {
  it('prints no planted value', async () => {
    for (const args of commands) await shop.run(shape(args), { env });
    // The same workspace as seen by a run with a refused token and with the control plane gone.
    await shop.run(shape(['auth', 'status']), { env: { ...env, RUNTIME__API_KEY: fixture.expiredToken } });
    await shop.run(shape(['workspace', 'list']), { env: { ...env, RUNTIME__API_BASE_URL: 'http://127.0.0.1:9' } });
    const output = allCapturedOutput();
    const leaked = secretValues.filter((secret) => output.includes(secret));
    expect(leaked).toEqual([]);
    // Not even a fragment of 8 characters of a planted value.
    const fragments = Object.values(planted).flatMap((value) => [value.slice(-8), value.slice(8, 16)]);
    expect(fragments.filter((fragment) => output.includes(fragment))).toEqual([]);
  });
});

it('the suite exercised what it meant to: the server holds the synced prod secrets, the CLI showed the plain fields', async () => {
  const shown = await shop.run(['config', 'get', 'destination.warehouse.credentials', '--json']);
  expect(JSON.parse(shown.stdout).value).toMatchObject({
    host: 'db.example.test',
    password: `****${planted.devPassword.slice(-4)}`,
  });
  const info = await shop.runJson(['workspace', 'info'], { env });
  expect(info.latest_configuration.profiles).toContain('prod');
});
