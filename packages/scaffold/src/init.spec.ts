import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseToml } from '@dlthub/config-core/toml';
import { checkPyproject } from './__fixtures__/python-check';
import { memoryFileHost, nodeFileHost } from './file-host';
import { planInit } from './init';
import { applyPlan, formatPlan } from './plan';
import { DLT_GITIGNORE_LINES } from './workspace-templates';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

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

  it('keeps config.toml and secrets.toml, merges .gitignore and the dlt[hub] extra, conflicts on .workspace', () => {
    const plan = planInit(memoryFileHost('/w', existing), { directory: '', uvOnPath: true });
    expect(plan.files.find((file) => file.path === 'requirements.txt')?.content).toBe('dlt[hub]\n');
    expect(actions(plan)).toEqual({
      'requirements.txt': 'UPDATE',
      '.gitignore': 'UPDATE',
      '.dlt/config.toml': 'KEEP',
      '.dlt/secrets.toml': 'KEEP',
      '.dlt/.workspace': 'CONFLICT',
    });
    expect(plan.hasConflicts).toBe(true);
  });

  it('never overwrites config.toml, secrets.toml or the dependency file, even with force', () => {
    const plan = planInit(memoryFileHost('/w', existing), { directory: '', force: true });
    expect(actions(plan)).toMatchObject({
      'requirements.txt': 'UPDATE',
      '.dlt/config.toml': 'KEEP',
      '.dlt/secrets.toml': 'KEEP',
      '.dlt/.workspace': 'OVERWRITE',
    });
  });

  it('--force merges dlt[hub] into an existing pyproject.toml, keeping every other byte', () => {
    const pyproject =
      '# mine\n[project]\nname = "legacy"\ndependencies = [\n    "pandas>=2",  # data\n]\n\n[tool.ruff]\nline-length = 100\n';
    const host = memoryFileHost('/w', { ...existing, 'pyproject.toml': pyproject });
    const plan = planInit(host, { directory: '', force: true });
    expect(plan.files.find((file) => file.path === 'pyproject.toml')).toMatchObject({
      action: 'UPDATE',
      content: pyproject.replace('  # data\n', '  # data\n    "dlt[hub]>=1.27.2,<2",\n'),
      reason: 'added dlt[hub]>=1.27.2,<2',
    });
    expect(checkPyproject(plan.files.find((file) => file.path === 'pyproject.toml')?.content ?? '').problems).toEqual(
      [],
    );
    const satisfied = memoryFileHost('/w', {
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["DLT[Hub]==1.28"]\n',
    });
    expect(actions(planInit(satisfied, { directory: '', force: true }))['pyproject.toml']).toBe('KEEP');
  });

  it('a pyproject.toml it cannot edit is left as it is, and the plan says what to add', () => {
    const host = memoryFileHost('/w', { 'pyproject.toml': '[tool.poetry]\nname = "x"\n' });
    const plan = planInit(host, { directory: '', force: true });
    expect(plan.files.find((file) => file.path === 'pyproject.toml')).toEqual({
      path: 'pyproject.toml',
      action: 'KEEP',
      reason: 'it has no [project] table',
    });
    expect(plan.notes).toContain(
      'pyproject.toml was left as it is (it has no [project] table); add to your dependencies: dlt[hub]>=1.27.2,<2',
    );
  });

  it('--name is written into an existing config.toml (only that key) and is the name printed', () => {
    const host = memoryFileHost('/w', {
      ...existing,
      '.dlt/config.toml': '# mine\n[workspace.settings]\nname = "old"\n',
    });
    const plan = planInit(host, { directory: '', force: true, name: 'x' });
    expect(plan.notes).toContain('Project name: x');
    expect(plan.files.find((file) => file.path === '.dlt/config.toml')).toMatchObject({
      action: 'UPDATE',
      content: '# mine\n[workspace.settings]\nname = "x"\n',
    });
    // Without --name the configured name is kept and printed.
    expect(planInit(host, { directory: '', force: true }).notes).toContain('Project name: old');
  });

  it('derives a valid PEP 508 project name for pyproject.toml from the workspace name', () => {
    const plan = planInit(memoryFileHost('/w'), { directory: '', name: 'My Shop', dependencies: 'pyproject' });
    const content = plan.files.find((file) => file.path === 'pyproject.toml')?.content ?? '';
    expect(parse(content)).toMatchObject({ project: { name: 'my-shop' } });
    expect(checkPyproject(content)).toMatchObject({ problems: [], name: 'my-shop' });
    expect(plan.notes).toEqual(expect.arrayContaining(['Project name: My Shop', 'Python project name: my-shop']));
    expect(parse(plan.files.find((file) => file.path === '.dlt/config.toml')?.content ?? '')).toMatchObject({
      workspace: { settings: { name: 'My Shop' } },
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

  it('the generated .gitignore lets git track uv.lock and ignores the secrets', () => {
    const host = nodeFileHost(dir);
    applyPlan(host, planInit(host, { directory: '', uvOnPath: true }));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const ignored = (file: string) => spawnSync('git', ['check-ignore', '-q', file], { cwd: dir }).status === 0;
    expect(ignored('uv.lock')).toBe(false);
    expect(ignored('.dlt/secrets.toml')).toBe(true);
    expect(ignored('.dlt/prod.secrets.toml')).toBe(true);
    expect(checkPyproject(fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8')).problems).toEqual([]);
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
