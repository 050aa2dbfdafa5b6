import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { memoryFileHost, nodeFileHost } from './file-host';
import { planInit } from './init';
import { applyPlan, formatPlan } from './plan';
import { DLT_GITIGNORE_LINES } from './workspace-templates';

const actions = (plan: ReturnType<typeof planInit>) =>
  Object.fromEntries(plan.files.map((file) => [file.path, file.action]));

describe('planInit on an empty directory', () => {
  const host = memoryFileHost('/work/shop');
  const plan = planInit(host, { directory: '', uvOnPath: true });

  it('creates the five files, pyproject when uv is on PATH', () => {
    expect(actions(plan)).toEqual({
      'pyproject.toml': 'CREATE',
      '.gitignore': 'CREATE',
      '.dlt/config.toml': 'CREATE',
      '.dlt/secrets.toml': 'CREATE',
      '.dlt/.workspace': 'CREATE',
    });
    expect(plan.hasConflicts).toBe(false);
  });

  it('writes the workspace name (directory basename) into config.toml and pyproject.toml', () => {
    const content = (file: string) => plan.files.find((entry) => entry.path === file)?.content ?? '';
    expect(parse(content('.dlt/config.toml'))).toEqual({
      runtime: { log_level: 'WARNING', dlthub_telemetry: true },
      normalize: { parquet_normalizer: { add_dlt_load_id: true } },
      workspace: { settings: { name: 'shop' } },
    });
    expect(content('.dlt/config.toml')).toContain('# put your configuration values here');
    expect(parse(content('pyproject.toml'))).toMatchObject({
      project: { name: 'shop', version: '0.0.1', description: 'A dlthub workspace' },
    });
    expect(content('.dlt/secrets.toml')).toBe('# add your dlt secrets here\n');
    expect(content('.dlt/.workspace')).toBe('');
    for (const line of DLT_GITIGNORE_LINES) expect(content('.gitignore').split('\n')).toContain(line);
  });

  it('prints the plan as dlt does', () => {
    expect(formatPlan(plan)).toContain('[CREATE] .dlt/config.toml');
    expect(formatPlan(plan)).toContain('Dependency system: pyproject.toml (uv detected)');
  });

  it('uses requirements.txt without uv, and honours --dependencies and --name', () => {
    expect(actions(planInit(host, { directory: '', uvOnPath: false }))['requirements.txt']).toBe('CREATE');
    const forced = planInit(host, { directory: 'sub', name: 'lake', dependencies: 'pyproject', uvOnPath: false });
    const pyproject = forced.files.find((file) => file.path === 'sub/pyproject.toml');
    expect(parse(pyproject?.content ?? '')).toMatchObject({ project: { name: 'lake' } });
    expect(formatPlan(forced)).toContain('[CREATE] pyproject.toml');
  });
});

describe('planInit over an existing workspace', () => {
  const existing = {
    'requirements.txt': 'dlt\n',
    '.gitignore': 'node_modules\nsecrets.toml\n',
    '.dlt/config.toml': '[runtime]\nlog_level = "INFO"\n',
    '.dlt/secrets.toml': '[sources.x]\napi_key = "k"\n',
    '.dlt/.workspace': '',
  };

  it('keeps config.toml and secrets.toml, merges .gitignore, conflicts on .workspace', () => {
    const plan = planInit(memoryFileHost('/w', existing), { directory: '', uvOnPath: true });
    expect(actions(plan)).toEqual({
      'requirements.txt': 'KEEP',
      '.gitignore': 'UPDATE',
      '.dlt/config.toml': 'KEEP',
      '.dlt/secrets.toml': 'KEEP',
      '.dlt/.workspace': 'CONFLICT',
    });
    expect(plan.hasConflicts).toBe(true);
  });

  it('never overwrites config.toml or secrets.toml, even with force', () => {
    const plan = planInit(memoryFileHost('/w', existing), { directory: '', force: true });
    expect(actions(plan)).toMatchObject({
      'requirements.txt': 'OVERWRITE',
      '.dlt/config.toml': 'KEEP',
      '.dlt/secrets.toml': 'KEEP',
      '.dlt/.workspace': 'OVERWRITE',
    });
  });

  it('applyPlan writes nothing when the plan has a conflict', () => {
    const host = memoryFileHost('/w', existing);
    const before = new Map(host.files);
    expect(() => applyPlan(host, planInit(host, { directory: '' }))).toThrow(
      expect.objectContaining({ code: 'Conflict' }),
    );
    expect(host.files).toEqual(before);
  });
});

describe('init on a real directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-init-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const hash = (file: string) =>
    createHash('sha256')
      .update(fs.readFileSync(path.join(dir, file)))
      .digest('hex');

  it('writes the files, secrets 0600, and a second init (even forced) changes no byte of config.toml or secrets.toml', () => {
    const host = nodeFileHost(dir);
    applyPlan(host, planInit(host, { directory: '', uvOnPath: false }));
    expect(fs.readFileSync(path.join(dir, '.dlt/.workspace'), 'utf8')).toBe('');
    expect(fs.statSync(path.join(dir, '.dlt/secrets.toml')).mode & 0o777).toBe(0o600);
    fs.appendFileSync(path.join(dir, '.dlt/config.toml'), '# my edit\n');
    fs.appendFileSync(path.join(dir, '.dlt/secrets.toml'), 'license = "abc"\n');
    const hashes = [hash('.dlt/config.toml'), hash('.dlt/secrets.toml'), hash('.gitignore')];

    expect(planInit(host, { directory: '' }).hasConflicts).toBe(true);
    applyPlan(host, planInit(host, { directory: '', force: true }));
    expect([hash('.dlt/config.toml'), hash('.dlt/secrets.toml'), hash('.gitignore')]).toEqual(hashes);
    expect(fs.readdirSync(path.join(dir, '.dlt')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('over a hand-written workspace only merges the missing .gitignore lines', () => {
    fs.mkdirSync(path.join(dir, '.dlt'));
    fs.writeFileSync(
      path.join(dir, '.dlt/config.toml'),
      '# hand written\n[destination.w]\ndestination_type="duckdb"\n',
    );
    fs.writeFileSync(path.join(dir, '.dlt/secrets.toml'), '[x]\ny = 1\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), '*.duckdb\n');
    const hashes = [hash('.dlt/config.toml'), hash('.dlt/secrets.toml')];
    const host = nodeFileHost(dir);
    applyPlan(host, planInit(host, { directory: '', uvOnPath: false }));
    expect([hash('.dlt/config.toml'), hash('.dlt/secrets.toml')]).toEqual(hashes);
    const gitignore = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    expect(gitignore.startsWith('*.duckdb\n\n# Added by dlthub init\nsecrets.toml\n')).toBe(true);
    expect(gitignore.split('\n').filter((line) => line === '*.duckdb')).toHaveLength(1);
  });
});
