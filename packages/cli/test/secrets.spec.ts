/** No command prints a secret value unless --reveal: every read command, all output captured and grepped. */
import type { CliResult, Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

const SECRETS = {
  pgPassword: 'pg-Sup3r-s3cret-pass',
  mdToken: 'md-token-0123456789abcdef',
  apiKey: 'api-key-ZYXWVUT987654',
  envPassword: 'env-passw0rd-from-environment',
  globalToken: 'global-auth-token-abcdef123456',
  license: 'license-key-qwerty-998877',
};

describe('secrets are masked in every read command', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/secrets.toml': `license = "${SECRETS.license}"\n[sources.notion]\napi_key = "${SECRETS.apiKey}"\n`,
      '.dlt/dev.config.toml':
        '[destination.warehouse]\ndestination_type = "postgres"\n[destination.lake]\ndestination_type = "motherduck"\n',
      '.dlt/dev.secrets.toml': [
        '[destination.warehouse.credentials]',
        'database = "shop"',
        'username = "loader"',
        `password = "${SECRETS.pgPassword}"`,
        'host = "localhost"',
        '[destination.lake.credentials]',
        'database = "lake"',
        `password = "${SECRETS.mdToken}"`,
        '',
      ].join('\n'),
      '.dlt/prod.secrets.toml': `[destination.warehouse.credentials]\npassword = "${SECRETS.pgPassword}"\n`,
    });
    box.write('../global/secrets.toml', `[runtime]\nauth_token = "${SECRETS.globalToken}"\n`);
  });
  afterAll(() => box.cleanup());

  const env = {
    DESTINATION__WAREHOUSE__CREDENTIALS__PASSWORD: SECRETS.envPassword,
    SOURCES__NOTION__API_KEY: SECRETS.apiKey,
  };
  const readCommands: string[][] = [
    ['profile'],
    ['profile', 'list'],
    ['config', 'show'],
    ['config', 'show', '--show-origin'],
    ['config', 'get', 'destination.warehouse'],
    ['config', 'get', 'destination.warehouse.credentials.password'],
    ['config', 'get', 'destination.lake.credentials', '--secret'],
    ['config', 'get', 'runtime.auth_token', '--secret'],
    ['config', 'get', 'license'],
    ['config', 'get', 'sources.notion.api_key'],
    ['config', 'explain', 'password', '--sections', 'destination.warehouse.credentials', '--secret'],
    ['config', 'explain', 'api_key', '--sections', 'sources.notion'],
    ['config', 'validate'],
    ['destination', 'list'],
    ['local', 'info'],
    ['-v', 'local', 'info'],
    ['pipeline', 'init', '--list-sources'],
  ];

  function grepSecrets(results: CliResult[]): string[] {
    const all = results.map((result) => result.stdout + result.stderr).join('\n');
    return Object.values(SECRETS).filter((secret) => all.includes(secret));
  }

  it('text and --json output of every read command contains no fixture secret', () => {
    const results = readCommands.flatMap((args) => [box.run(args, { env }), box.run(['--json', ...args], { env })]);
    // Every command ran (validate may report problems, but none crashed or failed to parse).
    for (const result of results) expect([0, 1]).toContain(result.code);
    expect(results.filter((result) => result.code === 0).length).toBeGreaterThan(readCommands.length);
    expect(grepSecrets(results)).toEqual([]);
    expect(results.map((result) => result.stdout).join('\n')).toContain('****');
  });

  it('--reveal shows them', () => {
    const show = box.run(['config', 'show', '--reveal']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(SECRETS.pgPassword);
    const get = box.run(['config', 'get', 'destination.warehouse.credentials.password', '--reveal'], { env });
    expect(get.stdout).toBe(`${SECRETS.envPassword}\n`);
    const masked = box.run(['config', 'get', 'destination.warehouse.credentials.password'], { env });
    expect(masked.stdout).toMatch(/^\*\*\*\*\S{0,4}\n$/);
  });
});
