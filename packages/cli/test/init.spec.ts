import { parse } from 'smol-toml';
import type { Sandbox } from './helpers';
import { sandbox } from './helpers';

describe('dlthub init', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(() => box.cleanup());

  it('creates the workspace files and prints the plan and next steps', () => {
    const result = box.run(['init', '--dependencies', 'pyproject']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      '[CREATE] pyproject.toml',
      '[CREATE] .gitignore',
      '[CREATE] .dlt/config.toml',
      '[CREATE] .dlt/secrets.toml',
      '[CREATE] .dlt/.workspace',
    ]);
    expect(result.stderr).toContain('Project name: shop');
    expect(result.stderr).toContain('1. Install dependencies: uv sync');
    expect(box.read('.dlt/.workspace')).toBe('');
    expect(parse(box.read('.dlt/config.toml'))).toMatchObject({
      runtime: { log_level: 'WARNING' },
      workspace: { settings: { name: 'shop' } },
    });
    expect(box.read('.dlt/secrets.toml')).toBe('# add your dlt secrets here\n');
    expect(box.read('.gitignore').split('\n')).toEqual(
      expect.arrayContaining(['secrets.toml', '*.secrets.toml', '.dlt/profile-name', '.dlt/state', '.dlt/data']),
    );
    expect(parse(box.read('pyproject.toml'))).toMatchObject({ project: { name: 'shop', version: '0.0.1' } });
  });

  it('a second init, and init --force, never change a byte of config.toml or secrets.toml', () => {
    expect(box.run(['init', '--name', 'lake']).code).toBe(0);
    box.write('.dlt/config.toml', `${box.read('.dlt/config.toml')}# edited by hand\n`);
    box.write('.dlt/secrets.toml', '[sources.x]\napi_key = "kept"\n');
    const before = box.snapshot();

    const again = box.run(['init']);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('[CONFLICT] .dlt/.workspace');
    expect(again.stderr).toMatch(/error: Nothing was written: \.dlt\/\.workspace/);
    expect(again.stderr).toMatch(/hint: Re-run with --force/);
    expect(box.snapshot()).toEqual(before);

    const forced = box.run(['init', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('[KEEP]      .dlt/config.toml');
    const after = box.snapshot();
    expect(after['.dlt/config.toml']).toBe(before['.dlt/config.toml']);
    expect(after['.dlt/secrets.toml']).toBe(before['.dlt/secrets.toml']);
    expect(after['.gitignore']).toBe(before['.gitignore']);
  });

  it('over a hand-written workspace keeps config.toml and secrets.toml and merges .gitignore once', () => {
    box.write('.dlt/config.toml', '# mine\n[destination.warehouse]\ndestination_type = "duckdb"\n');
    box.write('.dlt/secrets.toml', '[destination.warehouse.credentials]\npassword = "pw"\n');
    box.write('.gitignore', 'node_modules\n*.duckdb\n');
    const before = box.snapshot();
    const result = box.run(['init', '--dependencies', 'requirements']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[UPDATE] .gitignore');
    const after = box.snapshot();
    expect(after['.dlt/config.toml']).toBe(before['.dlt/config.toml']);
    expect(after['.dlt/secrets.toml']).toBe(before['.dlt/secrets.toml']);
    const gitignore = box.read('.gitignore');
    expect(gitignore.startsWith('node_modules\n*.duckdb\n\n# Added by dlthub init\nsecrets.toml\n')).toBe(true);
    expect(gitignore.match(/^\*\.duckdb$/gm)).toHaveLength(1);
  });

  it('--dry-run prints the plan and writes nothing; --json prints one document', () => {
    const dry = box.run(['init', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('[CREATE] .dlt/.workspace');
    expect(dry.stderr).toContain('--dry-run: nothing was written.');
    expect(box.snapshot()).toEqual({});

    const json = box.run(['--json', 'init', '--dependencies', 'requirements']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as {
      applied: boolean;
      files: Array<{ path: string; action: string }>;
      nextSteps: string[];
    };
    expect(document.applied).toBe(true);
    expect(document.files.map((file) => `${file.action} ${file.path}`)).toEqual([
      'CREATE requirements.txt',
      'CREATE .gitignore',
      'CREATE .dlt/config.toml',
      'CREATE .dlt/secrets.toml',
      'CREATE .dlt/.workspace',
    ]);
    expect(document.nextSteps[0]).toContain('pip install -r requirements.txt');
  });

  it('rejects a bad --dependencies value as a usage error, writing nothing', () => {
    const result = box.run(['init', '--dependencies', 'poetry']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: option '--dependencies <system>' argument 'poetry' is invalid/);
    expect(box.snapshot()).toEqual({});
  });
});
