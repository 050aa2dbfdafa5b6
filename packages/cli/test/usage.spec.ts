import type { Sandbox } from './helpers';
import { expectOneLineError, sandbox, writeWorkspace } from './helpers';

describe('global flags and bad input', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, { '.dlt/dev.config.toml': '# dev\n[destination.warehouse]\ndestination_type = "duckdb"\n' });
  });
  afterEach(() => box.cleanup());

  it('--version and --help exit 0 on stdout', () => {
    const version = box.run(['--version']);
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = box.run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '-C <dir>',
      '--profile <name>',
      '--json',
      '-y, --yes',
      '--non-interactive',
      '-v, --verbose',
      '--version',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(box.run(['config', '--help']).stdout).toContain('explain [options] <key>');
  });

  const cases: Array<[string, string[], number, RegExp]> = [
    ['unknown command', ['deplyo'], 2, /error: unknown command 'deplyo'/],
    ['unknown subcommand', ['config', 'sho'], 2, /error: unknown command 'sho'[\s\S]*Did you mean show\?/],
    ['unknown flag', ['config', 'show', '--bogus'], 2, /error: unknown option '--bogus'/],
    ['missing argument', ['config', 'get'], 2, /error: missing required argument 'dotted.path'/],
    [
      'bad profile characters',
      ['--profile', '../etc', 'config', 'show'],
      2,
      /error: Invalid profile name "\.\.\/etc" \(--profile\)/,
    ],
    ['bad profile to pin', ['profile', 'use', 'a/b'], 2, /error: Invalid profile name "a\/b"/],
    [
      'unknown destination type',
      ['destination', 'add', 'lake', '--type', 'oracle'],
      2,
      /error: Unknown destination type "oracle"[\s\S]*hint: Registered types: athena, bigquery, clickhouse, databricks, destination, dremio, duckdb, ducklake, dummy, fabric, filesystem, lancedb, motherduck, mssql, postgres, qdrant, redshift, snowflake, sqlalchemy, synapse, weaviate\./,
    ],
    ['missing --type', ['destination', 'add', 'lake'], 2, /error: destination add needs --type/],
    [
      'two profiles where one is expected',
      ['--profile', 'a', '--profile', 'b', 'config', 'show'],
      2,
      /error: --profile was given more than once/,
    ],
  ];

  it.each(cases.map(([name, args, code, message]) => ({ name, args, code, message })))(
    '$name: one-line error with a hint, exit $code, no file changed',
    ({ args, code, message }) => {
      const before = box.snapshot();
      expectOneLineError(box.run(args), code, message);
      expect(box.snapshot()).toEqual(before);
    },
  );

  it('the same usage error exits 2 whether the CLI checks the argument or config-core meets it while reading', () => {
    const typed = box.run(['profile', 'use', 'a.b']);
    const fromEnv = box.run(['config', 'show'], { env: { WORKSPACE__PROFILE: 'a.b' } });
    box.write('.dlt/profile-name', 'a.b\n');
    const fromPin = box.run(['config', 'show']);
    box.write('.dlt/profile-name', '');
    for (const result of [typed, fromEnv, fromPin])
      expectOneLineError(result, 2, /error: Invalid profile name "a\.b" \(/);
    // A destination type typed on the command line is usage (2); the same unknown type read from a file is configuration (1).
    expectOneLineError(
      box.run(['destination', 'add', 'lake', '--type', 'oracle']),
      2,
      /Unknown destination type "oracle"/,
    );
    box.write('.dlt/dev.config.toml', '[destination.lake]\ndestination_type = "oracle"\n');
    const fromFile = box.run(['config', 'validate']);
    box.write('.dlt/dev.config.toml', '');
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(/oracle/);
  });

  it('a missing workspace says how to create one (exit 1)', () => {
    for (const args of [
      ['profile'],
      ['config', 'validate'],
      ['local', 'info'],
      ['destination', 'add', 'w', '--type', 'duckdb'],
    ]) {
      const result = box.run(['-C', box.globalDir, ...args]);
      expectOneLineError(result, 1, /error: No dltHub workspace in .*global \(no \.dlt\/\.workspace\)/);
      expect(result.stderr).toContain('hint: Run `dlthub init` here, or pass -C <workspace dir>.');
    }
  });

  it('bad TOML names file, line and column (exit 1), and nothing is written', () => {
    box.write('.dlt/dev.secrets.toml', '[destination.warehouse.credentials]\npassword = \n');
    const before = box.snapshot();
    for (const args of [
      ['config', 'show'],
      ['config', 'get', 'runtime.log_level'],
      ['destination', 'add', 'lake', '--type', 'duckdb'],
    ]) {
      const result = box.run(args);
      expectOneLineError(result, 1, /\.dlt\/dev\.secrets\.toml:2:12/);
    }
    expect(box.snapshot()).toEqual(before);
  });

  it('--json errors are one JSON document on stdout, with the message on stderr too', () => {
    const result = box.run(['--json', 'config', 'get', 'nope.nothing']);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as { error: { code: string; message: string; hint: string } };
    expect(document.error.code).toBe('ConfigFieldMissing');
    expect(document.error.hint).toContain('config explain');
    expect(result.stderr).toMatch(/^error: No value at nope\.nothing/);
    const usage = box.run(['--json', 'nope']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ error: expect.objectContaining({ code: 'Usage' }) });
  });

  it('-C runs in another directory', () => {
    const result = box.run(['-C', box.dir, 'config', 'get', 'workspace.settings.name'], { cwd: box.globalDir });
    expect(result).toEqual({ code: 0, stdout: 'shop\n', stderr: '' });
  });
});
