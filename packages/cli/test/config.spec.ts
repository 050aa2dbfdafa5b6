import { execFileSync } from 'node:child_process';
import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('dlthub config', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/config.toml': '[runtime]\nlog_level = "WARNING"\n\n[sources.notion]\npage_size = 50\n',
      '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
    });
  });
  afterEach(() => box.cleanup());

  it('show: the merged view, with --show-origin naming file and line', () => {
    const result = box.run(['config', 'show', '--show-origin']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[destination.warehouse]\ndestination_type = "duckdb"  # .dlt/dev.config.toml:2');
    expect(result.stdout).toContain('page_size = 50  # .dlt/config.toml:5');
    const json = JSON.parse(box.run(['--json', 'config', 'show']).stdout) as { config: Record<string, unknown> };
    expect(json.config).toMatchObject({ runtime: { log_level: 'WARNING' }, sources: { notion: { page_size: 50 } } });
  });

  it('get: exact path, env strings auto-cast, --secret never reads config.toml', () => {
    expect(box.run(['config', 'get', 'sources.notion.page_size'])).toEqual({ code: 0, stdout: '50\n', stderr: '' });
    expect(
      box.run(['config', 'get', 'sources.notion.page_size'], { env: { SOURCES__NOTION__PAGE_SIZE: '0x10' } }).stdout,
    ).toBe('16\n');
    // dlt: accessors use the exact path only, no fallback to less specific sections.
    expect(box.run(['config', 'get', 'sources.notion.x.page_size']).code).toBe(1);
    const secret = box.run(['config', 'get', 'sources.notion.page_size', '--secret']);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toMatch(/^error: No value at sources\.notion\.page_size/);
  });

  it('explain: every (provider, key) tried in order, the winner marked', () => {
    const result = box.run(['config', 'explain', 'page_size', '--sections', 'sources.notion.notion_databases']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Looking up `page_size` in sections sources.notion.notion_databases:');
    expect(
      lines.filter((line) => line.includes('Environment Variables')).map((line) => line.trim().split(/\s+/)[2]),
    ).toEqual([
      'SOURCES__NOTION__NOTION_DATABASES__PAGE_SIZE',
      'SOURCES__NOTION__PAGE_SIZE',
      // dlt's compact `sources` path (§3.2) comes third
      'SOURCES__NOTION_DATABASES__PAGE_SIZE',
      'SOURCES__PAGE_SIZE',
      'PAGE_SIZE',
    ]);
    const winners = lines.filter((line) => line.startsWith('→'));
    expect(winners).toEqual([expect.stringMatching(/^→ config\.toml\s+sources\.notion\.page_size\s+found$/)]);
    expect(lines[lines.length - 1]).toBe('Value: 50  (config.toml, .dlt/config.toml:5)');
    const json = JSON.parse(
      box.run(['--json', 'config', 'explain', 'page_size', '--sections', 'sources.notion']).stdout,
    ) as {
      found: boolean;
      tried: Array<{ provider: string; winner: boolean }>;
    };
    expect(json.found).toBe(true);
    expect(json.tried.filter((attempt) => attempt.winner)).toHaveLength(1);
  });

  it('explain finds what get finds, from profile files too, for the same dotted key', () => {
    box.write(
      '.dlt/dev.config.toml',
      '[destination.warehouse]\ndestination_type = "duckdb"\n\n[sources.shop]\napi_url = "http://dev"\n',
    );
    box.write('.dlt/prod.config.toml', '[sources.shop]\napi_url = "http://prod"\n');
    type Explained = { found: boolean; value: unknown; file: string; line: number; sections: string[]; key: string };
    for (const [profileArgs, value, file] of [
      [[], 'http://dev', '.dlt/dev.config.toml'],
      [['--profile', 'prod'], 'http://prod', '.dlt/prod.config.toml'],
    ] as const) {
      const got = JSON.parse(box.run(['--json', ...profileArgs, 'config', 'get', 'sources.shop.api_url']).stdout);
      const explained = JSON.parse(
        box.run(['--json', ...profileArgs, 'config', 'explain', 'sources.shop.api_url']).stdout,
      ) as Explained;
      expect(got).toMatchObject({ value, file });
      expect(explained).toMatchObject({ found: true, value, file: got.file, line: got.line, key: 'api_url' });
      expect(explained.sections).toEqual(['sources', 'shop']);
    }
    const text = box.run(['config', 'explain', 'sources.shop.api_url']).stdout;
    expect(text).toMatch(/→ config\.toml +sources\.shop\.api_url +found/);
    expect(text).toContain('Value: http://dev  (config.toml, .dlt/dev.config.toml:5)');
  });

  it('explain --destination: a destination field on its dlt paths, provider `default` when nothing sets it', () => {
    writeWorkspace(box, {
      '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "postgres"\n',
      '.dlt/secrets.toml': '[destination.warehouse.credentials]\nhost = "db.internal"\n',
    });
    const password = box.run(['config', 'explain', 'password', '--destination', 'warehouse']);
    expect(password.code).toBe(0);
    const lines = password.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Looking up `password` in sections destination.warehouse.credentials (secret):');
    // A nested credentials object keeps its own section in every path; config.toml is never asked for a secret.
    expect(lines.filter((line) => line.includes('secrets.toml')).map((line) => line.trim().split(/\s+/)[1])).toEqual([
      'destination.warehouse.credentials.password',
      'destination.credentials.password',
      'credentials.password',
    ]);
    expect(password.stdout).not.toContain('config.toml');
    expect(lines[lines.length - 1]).toBe('Value: null  (default: no provider has a value for this field)');
    const json = JSON.parse(
      box.run(['--json', 'config', 'explain', 'replace_strategy', '--destination', 'warehouse']).stdout,
    ) as { provider: string; value: unknown; found: boolean };
    expect(json).toMatchObject({ provider: 'default', value: null, found: false });
    const host = box.run(['config', 'explain', 'host', '--destination', 'warehouse', '--reveal']);
    expect(host.stdout).toContain('Value: db.internal  (secrets.toml, .dlt/secrets.toml:2)');
    expect(box.run(['config', 'explain', 'nope', '--destination', 'warehouse']).code).toBe(2);
  });

  it('explain of a secret found in config.toml is the secret-rule error', () => {
    box.write('.dlt/config.toml', '[destination.warehouse.credentials]\npassword = "in-config"\n');
    const result = box.run([
      'config',
      'explain',
      'password',
      '--sections',
      'destination.warehouse.credentials',
      '--secret',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\.toml/);
    expect(result.stdout + result.stderr).not.toContain('in-config');
  });

  it('validate: passes on a clean workspace', () => {
    const result = box.run(['config', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok    warehouse (duckdb)');
    expect(result.stdout).toContain('No problems found.');
  });

  it('validate --show-origin: each field with its value and where it came from, default included, secrets masked', () => {
    box.write('.dlt/dev.config.toml', '[destination.pg]\ndestination_type = "postgres"\ncreate_indexes = false\n');
    box.write('.dlt/dev.secrets.toml', '[destination.pg.credentials]\npassword = "hunter2-secret"\n');
    box.write('.dlt/secrets.toml', '[destination.pg.credentials]\nhost = "from-secrets"\n');
    const env = { DESTINATION__PG__CREDENTIALS__DATABASE: 'analytics' };
    const text = box.run(['config', 'validate', '--show-origin'], { env });
    expect(text.code).toBe(0);
    // The most specific path wins inside the secrets family, whichever file holds it.
    expect(text.stdout).toContain(
      'credentials.host = "from-secrets"  # .dlt/secrets.toml:2 (destination.pg.credentials.host)',
    );
    expect(text.stdout).toContain('create_indexes = false  # .dlt/dev.config.toml:3 (destination.pg.create_indexes)');
    expect(text.stdout).toContain(
      'credentials.database = "analytics"  # Environment Variables DESTINATION__PG__CREDENTIALS__DATABASE',
    );
    expect(text.stdout).toContain('credentials.port = 5432  # default');
    expect(text.stdout).toMatch(/credentials\.password = "\*+" {2}# \.dlt\/dev\.secrets\.toml:2/);
    expect(text.stdout + text.stderr).not.toContain('hunter2-secret');

    const json = JSON.parse(box.run(['--json', 'config', 'validate', '--show-origin', '--reveal'], { env }).stdout) as {
      destinations: Array<{ name: string; fields: Array<Record<string, unknown>> }>;
    };
    const fields = json.destinations.find((entry) => entry.name === 'pg')?.fields ?? [];
    expect(fields).toEqual(
      expect.arrayContaining([
        {
          field: 'credentials.password',
          value: 'hunter2-secret',
          provider: 'secrets.toml',
          key: 'destination.pg.credentials.password',
          file: '.dlt/dev.secrets.toml',
          line: 2,
        },
        { field: 'credentials.port', value: 5432, provider: 'default', key: null, file: null, line: null },
      ]),
    );
  });

  it('validate: reports broken destinations, secrets in config, placeholders and un-ignored secret files', () => {
    box.write(
      '.dlt/dev.config.toml',
      '[destination.warehouse]\ndestination_type = "oracle"\n[destination.pg]\ndestination_type = "postgres"\n[destination.pg.credentials]\npassword = "leaked"\n',
    );
    box.write('.dlt/secrets.toml', '[sources.notion]\napi_key = "<configure me>"  # fill this in!\n');
    box.write('.gitignore', 'node_modules\n');
    execFileSync('git', ['init', '-q'], { cwd: box.dir });
    const before = box.snapshot();
    const result = box.run(['--json', 'config', 'validate']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; issues: Array<{ kind: string; message: string }> };
    expect(report.ok).toBe(false);
    const kinds = report.issues.map((issue) => issue.kind);
    expect(kinds).toEqual(expect.arrayContaining(['destination', 'secret-in-config', 'placeholder', 'gitignore']));
    expect(report.issues.find((issue) => issue.kind === 'secret-in-config')?.message).toBe(
      '.dlt/dev.config.toml:6: destination.pg.credentials.password looks like a secret in a config file; move it to the matching secrets.toml.',
    );
    expect(report.issues.find((issue) => issue.kind === 'gitignore')?.message).toContain(
      '.dlt/secrets.toml is not covered by .gitignore',
    );
    expect(result.stderr).toMatch(/^error: Validation found \d+ problem\(s\) in profile dev\./);
    expect(result.stdout + result.stderr).not.toContain('leaked');
    expect(box.snapshot()).toEqual(before);
  });
});
