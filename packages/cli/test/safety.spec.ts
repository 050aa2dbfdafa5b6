/**
 * The built `dlthub` binary against the defects of a tester's attack (issue: no lost writes, no leaked
 * secrets, no surprises): parallel writers, a writer killed mid-write, guards that a symlink or a
 * Latin-1 file could walk around, secrets inside URLs, Python decorators that are only text, flags.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { BIN, sandbox, writeWorkspace, type CliResult, type Sandbox } from './helpers';

jest.setTimeout(120_000);

function runAsync(box: Sandbox, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: box.dir,
      env: { PATH: process.env.PATH ?? '', HOME: path.dirname(box.dir), DLTHUB_GLOBAL_DIR: box.globalDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function git(box: Sandbox, args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('git', args, {
    cwd: box.dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: path.dirname(box.dir),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.test',
    },
  });
  return { status: result.status, stdout: result.stdout };
}

/** The ignore rules `dlthub init` generates for the dlt files. */
const GENERATED_IGNORE = 'secrets.toml\n*.secrets.toml\n.dlt/profile-name\n.dlt/state\n.dlt/data\n';

describe('parallel writers lose nothing (concurrency suite)', () => {
  it('10 parallel `destination add` into prod: every entry in prod.config.toml and prod.secrets.toml, both parse', async () => {
    const box = sandbox();
    try {
      writeWorkspace(box);
      const names = Array.from({ length: 10 }, (_, index) => `warehouse_${index}`);
      const results = await Promise.all(
        names.map((name) => runAsync(box, ['destination', 'add', name, '--type', 'postgres', '--profile', 'prod'])),
      );
      for (const result of results) expect(result).toMatchObject({ code: 0 });
      const config = parse(box.read('.dlt/prod.config.toml')) as { destination: Record<string, unknown> };
      const secrets = parse(box.read('.dlt/prod.secrets.toml')) as {
        destination: Record<string, { credentials: unknown }>;
      };
      expect(Object.keys(config.destination).sort()).toEqual([...names].sort());
      expect(Object.keys(secrets.destination).sort()).toEqual([...names].sort());
      for (const name of names) expect(secrets.destination[name]?.credentials).toBeDefined();
      // No lock or temp file is left behind.
      expect(fs.readdirSync(path.join(box.dir, '.dlt')).sort()).toEqual([
        '.workspace',
        'config.toml',
        'prod.config.toml',
        'prod.secrets.toml',
        'secrets.toml',
      ]);
    } finally {
      box.cleanup();
    }
  });
});

describe('a writer killed mid-write (kill -9)', () => {
  it('leaves only a 0600 temp file the generated .gitignore covers, and the next write removes it', () => {
    const box = sandbox();
    try {
      writeWorkspace(box, { '.gitignore': GENERATED_IGNORE });
      expect(git(box, ['init', '-q']).status).toBe(0);
      // Killed by SIGKILL the moment it is about to rename its temp file into place: the state a crash leaves.
      const hook = path.join(path.dirname(box.dir), 'kill-before-rename.js');
      fs.writeFileSync(
        hook,
        `const fs = require('node:fs');\nconst rename = fs.renameSync;\nfs.renameSync = (from, to) => {\n  if (String(to).endsWith('prod.secrets.toml')) process.kill(process.pid, 'SIGKILL');\n  return rename(from, to);\n};\n`,
      );
      const killed = box.run(['destination', 'add', 'warehouse', '--type', 'postgres', '--profile', 'prod'], {
        env: { NODE_OPTIONS: `--require ${hook}` },
      });
      expect(killed.code).toBeNull();
      const leftovers = fs.readdirSync(path.join(box.dir, '.dlt')).filter((name) => name.includes('prod.secrets'));
      expect(leftovers).toHaveLength(1);
      const leftover = path.join('.dlt', leftovers[0] ?? '');
      expect(box.read(leftover)).toContain('[destination.warehouse.credentials]');
      expect(fs.statSync(path.join(box.dir, leftover)).mode & 0o777).toBe(0o600);
      // Covered by the generated rules: `git add -A` does not stage it.
      expect(git(box, ['check-ignore', '-q', leftover]).status).toBe(0);
      git(box, ['add', '-A']);
      expect(git(box, ['diff', '--cached', '--name-only']).stdout).not.toContain('secrets');

      const again = box.run(['destination', 'add', 'warehouse', '--type', 'postgres', '--profile', 'prod']);
      expect(again.code).toBe(0);
      expect(fs.readdirSync(path.join(box.dir, '.dlt')).filter((name) => name.includes('prod.secrets'))).toEqual([
        'prod.secrets.toml',
      ]);
      expect(fs.statSync(path.join(box.dir, '.dlt/prod.secrets.toml')).mode & 0o777).toBe(0o600);
    } finally {
      box.cleanup();
    }
  });
});

describe('guards that cannot be walked around', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, { '.gitignore': GENERATED_IGNORE });
    git(box, ['init', '-q']);
  });
  afterEach(() => box.cleanup());

  it('a symlinked .dlt/secrets.toml whose real file git tracks: login --with-api-key refuses, config validate says tracked', () => {
    box.write('shared/keys.toml', '# shared\n');
    git(box, ['add', 'shared/keys.toml']);
    fs.rmSync(path.join(box.dir, '.dlt/secrets.toml'));
    fs.symlinkSync(path.join(box.dir, 'shared/keys.toml'), path.join(box.dir, '.dlt/secrets.toml'));
    const login = box.run(['login', '--with-api-key'], {
      env: { RUNTIME__API_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/error: \.dlt\/secrets\.toml is tracked by git; refusing to store an API key in it\./);
    expect(box.read('shared/keys.toml')).toBe('# shared\n');
  });

  it('config validate names a tracked secrets file as tracked, not as "not covered by .gitignore"', () => {
    box.write('.dlt/prod.secrets.toml', '[destination.warehouse.credentials]\npassword = "x"\n');
    git(box, ['add', '-f', '.dlt/prod.secrets.toml']);
    const result = box.run(['config', 'validate', '--json']);
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout).issues as Array<{ kind: string; message: string }>;
    const gitIssues = issues.filter((issue) => issue.kind === 'gitignore');
    expect(gitIssues).toHaveLength(1);
    expect(gitIssues[0]?.message).toMatch(/\.dlt\/prod\.secrets\.toml is tracked by git.*git rm --cached/);
    expect(gitIssues[0]?.message).not.toContain('not covered');
  });

  it('pipeline init refuses a Latin-1 config.toml, naming it, and leaves its bytes as they were', () => {
    const latin1 = Buffer.from('# Café configuration\n[runtime]\nlog_level = "WARNING"\n', 'latin1');
    fs.writeFileSync(path.join(box.dir, '.dlt/config.toml'), latin1);
    const result = box.run(['pipeline', 'init', 'rest_api', 'duckdb']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: \S+\.dlt\/config\.toml is not valid UTF-8; it was left unchanged\./);
    expect(fs.readFileSync(path.join(box.dir, '.dlt/config.toml')).equals(latin1)).toBe(true);
    expect(box.exists('rest_api_pipeline.py')).toBe(false);
  });
});

describe('secrets in output', () => {
  const PW = 'hunter2-Very-Secret-PW';
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/dev.config.toml':
        '[destination.warehouse]\ndestination_type = "postgres"\n[sources.api]\nbase_url = "https://svc:' +
        PW +
        '@api.example.test/v1"\n',
      '.dlt/dev.secrets.toml': `[destination.warehouse]\ncredentials = "postgresql:/loader:${PW}@db.example.test/shop"\n`,
    });
  });
  afterAll(() => box.cleanup());

  it.each([[['config', 'validate']], [['config', 'validate', '--json']], [['-v', 'config', 'validate']]])(
    '%j with a connection string missing a slash prints no password',
    (args) => {
      const result = box.run(args);
      expect(`${result.stdout}${result.stderr}`).not.toContain(PW);
      expect(`${result.stdout}${result.stderr}`).not.toContain('hunter2');
    },
  );

  it('a password inside a URL under a non-secret key is masked in config show and config get', () => {
    for (const args of [
      ['config', 'show'],
      ['config', 'show', '--json'],
      ['config', 'get', 'sources.api.base_url'],
      ['config', 'get', 'sources.api.base_url', '--json'],
    ]) {
      const result = box.run(args);
      expect(result.code).toBe(0);
      expect(`${result.stdout}${result.stderr}`).not.toContain(PW);
      expect(result.stdout).toContain('api.example.test/v1');
    }
  });

  it('config show masks by secret-ness: known plain fields from a secrets file are shown, short secrets show nothing', () => {
    const shop = sandbox();
    try {
      writeWorkspace(shop, {
        '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "postgres"\n',
        '.dlt/dev.secrets.toml': [
          '[destination.warehouse.credentials]',
          'host = "db.example.test"',
          'database = "shop"',
          'username = "loader"',
          'password = "short-pw12"',
          '[sources.api]',
          'mystery = "an-unknown-key-value"',
          '',
        ].join('\n'),
      });
      const result = shop.run(['config', 'show', '--json']);
      expect(result.code).toBe(0);
      const config = JSON.parse(result.stdout).config;
      expect(config.destination.warehouse.credentials).toMatchObject({
        host: 'db.example.test',
        database: 'shop',
        username: 'loader',
        password: '****',
      });
      // Unknown keys of a secrets file are secrets; 20 characters show their last four only.
      expect(config.sources.api.mystery).toBe('****alue');
      expect(result.stdout).not.toContain('short-pw12');
    } finally {
      shop.cleanup();
    }
  });
});

describe('configuration sync reads decorators with Python, not text', () => {
  it('a profile named only in a comment, docstring or string is not synced; a real decorator is; runtime credentials are stripped everywhere', () => {
    const box = sandbox();
    try {
      writeWorkspace(box, {
        '.dlt/prod.secrets.toml': '[runtime]\napi_key = "dlt_prod_key_should_never_travel"\nauth_token = "tok-never"\n',
        '.dlt/prod.config.toml': '[runtime]\nauth_token = "tok-in-config-never"\nlog_level = "INFO"\n',
        '.dlt/commented.secrets.toml': 'password = "commented-secret"\n',
        '.dlt/docstring.secrets.toml': 'password = "docstring-secret"\n',
        '.dlt/stringy.secrets.toml': 'password = "string-secret"\n',
        '.dlt/analytics.secrets.toml': 'password = "analytics-secret"\n',
        'jobs/report.py': [
          '"""Runs with @run.job(require={"profile": "docstring"})."""',
          'from dlt.hub import run',
          '',
          '# @run.job(require={"profile": "commented"})',
          'HELP = \'@run.job(require={"profile": "stringy"})\'',
          '',
          '@run.job(',
          '    schedule="0 * * * *",',
          '    require={"profile": "analytics"},',
          ')',
          'def report():',
          '    pass',
          '',
        ].join('\n'),
      });
      const result = box.run(['configuration', 'sync', '--dry-run', '--json']);
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout);
      const files = (summary.files as Array<{ path: string; note?: string }>).map((file) => file.path).sort();
      expect(files).toEqual(
        [
          '.dlt/analytics.secrets.toml',
          '.dlt/config.toml',
          '.dlt/prod.config.toml',
          '.dlt/prod.secrets.toml',
          '.dlt/secrets.toml',
        ].sort(),
      );
      const analytics = summary.files.find((file: { path: string }) => file.path === '.dlt/analytics.secrets.toml');
      expect(analytics.note).toBe('referenced by jobs/report.py:9');
      const prodSecrets = summary.files.find((file: { path: string }) => file.path === '.dlt/prod.secrets.toml');
      expect(prodSecrets.note).toBe('runtime.api_key, runtime.auth_token left out');
      const prodConfig = summary.files.find((file: { path: string }) => file.path === '.dlt/prod.config.toml');
      expect(prodConfig.note).toBe('runtime.auth_token left out');
    } finally {
      box.cleanup();
    }
  });
});

describe('flags and names', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    writeWorkspace(box);
  });
  afterAll(() => box.cleanup());

  it('-C with a directory that does not exist fails', () => {
    for (const args of [
      ['-C', '/nonexistent/dir', 'profile'],
      ['-C', '/nonexistent/dir', 'config', 'show', '--json'],
    ]) {
      const result = box.run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/error: -C \/nonexistent\/dir: no such directory/);
    }
  });

  it('a mistyped subcommand suggests the right one', () => {
    const result = box.run(['workspace', 'conect']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /error: Unknown command `dlthub workspace conect`\.\nhint: Did you mean `dlthub workspace connect`\?/,
    );
    expect(result.stderr).not.toContain('too many arguments');
  });

  it('credentials are never sent over plain http to another host, unless --insecure', () => {
    const env = { RUNTIME__API_KEY: 'dlt_should_not_travel_0123456789', RUNTIME__API_BASE_URL: 'http://192.0.2.1:9' };
    const refused = box.run(['workspace', 'list'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: Refusing to send credentials over plain http to 192\.0\.2\.1:9/);
    expect(refused.stderr).toMatch(/hint: .*--insecure/);
  });

  it('profile names follow one rule: `profile use`, `destination add --profile` and WORKSPACE__PROFILE agree', () => {
    // A leading "_" is a profile name (as in dlt); a "." is not (it would make <profile>.config.toml ambiguous).
    expect(box.run(['profile', 'use', '_staging'])).toMatchObject({ code: 0 });
    expect(box.read('.dlt/profile-name')).toBe('_staging');
    const added = box.run(['destination', 'add', 'warehouse', '--type', 'postgres', '--profile', '_staging']);
    expect(added.code).toBe(0);
    expect(box.read('.dlt/_staging.config.toml')).toMatch(/\[destination\.warehouse\]/);
    expect(box.run(['profile'], { env: { WORKSPACE__PROFILE: '_staging' } }).stdout).toMatch(
      /Current profile: _staging/,
    );

    const use = box.run(['profile', 'use', 'eu.staging']);
    const add = box.run(['destination', 'add', 'lake', '--type', 'postgres', '--profile', 'eu.staging']);
    const env = box.run(['profile'], { env: { WORKSPACE__PROFILE: 'eu.staging' } });
    for (const refused of [use, add, env]) {
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^error: Invalid profile name "eu\.staging" \(/);
      expect(refused.stderr).toMatch(/hint: Profile names are letters, digits, "_" or "-", not starting with "-"/);
    }
    expect(box.exists('.dlt/eu.staging.config.toml')).toBe(false);
  });
});

describe('init and a .gitignore that negates the secrets rules', () => {
  it('a root .gitignore negation is fixed (the rules repeated at its end) and said so', () => {
    const box = sandbox();
    try {
      git(box, ['init', '-q']);
      box.write('.gitignore', 'secrets.toml\n*.secrets.toml\n!.dlt/secrets.toml\n');
      const result = box.run(['init', '--name', 'shop']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /warning: \.gitignore un-ignored \.dlt\/secrets\.toml \(\.gitignore:3:!\.dlt\/secrets\.toml\)/,
      );
      expect(git(box, ['check-ignore', '-q', '.dlt/secrets.toml']).status).toBe(0);
      git(box, ['add', '-A']);
      expect(git(box, ['diff', '--cached', '--name-only']).stdout).not.toContain('secrets.toml');
    } finally {
      box.cleanup();
    }
  });

  it('a nested negation that init cannot override is refused with the rule that causes it', () => {
    const box = sandbox();
    try {
      git(box, ['init', '-q']);
      box.write('.dlt/.gitignore', '!*.secrets.toml\n');
      const result = box.run(['init', '--name', 'shop']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /error: \.dlt\/prod\.secrets\.toml would not be ignored by git \(\.dlt\/\.gitignore:1:!\*\.secrets\.toml\)/,
      );
    } finally {
      box.cleanup();
    }
  });
});

describe('pipeline init --location with credentials in the git URL', () => {
  it('never prints the password or token of the URL', () => {
    const box = sandbox();
    try {
      writeWorkspace(box);
      for (const url of [
        'https://x-access-token:ghp_PlantedTokenValue123@127.0.0.1:9/acme/templates.git',
        'https://ghp_PlantedTokenValue123@127.0.0.1:9/acme/templates.git',
      ]) {
        const result = box.run(['pipeline', 'init', '--list-sources', '--location', url]);
        expect(result.code).toBe(1);
        expect(`${result.stdout}${result.stderr}`).not.toContain('PlantedTokenValue');
        expect(result.stderr).toContain('127.0.0.1:9/acme/templates.git');
      }
    } finally {
      box.cleanup();
    }
  });
});
