import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { testRegistry } from './__fixtures__/registry';
import { memoryFileHost } from './file-host';
import { planPipelineInit } from './pipeline';
import { applyPlan } from './plan';
import { listPipelineTemplates } from './template-source';

const registry = testRegistry();

describe('pipeline templates', () => {
  it('bundles rest_api, sql_database, filesystem and a default template', () => {
    expect(listPipelineTemplates().map((template) => template.name)).toEqual([
      'default',
      'filesystem',
      'rest_api',
      'sql_database',
    ]);
  });

  it('rest_api: copies the script with the destination and writes placeholders into the workspace-scoped files', () => {
    const host = memoryFileHost('/w', {
      '.dlt/config.toml': '# mine\n[runtime]\nlog_level = "WARNING"\n',
      '.dlt/.workspace': '',
    });
    applyPlan(host, planPipelineInit(host, { directory: '', source: 'rest_api', destination: 'postgres', registry }));
    const script = host.read('rest_api_pipeline.py') ?? '';
    expect(script).toContain('destination="postgres"');
    expect(script).toContain('pipeline_name="rest_api_pipeline"');
    expect(host.read('.dlt/config.toml')).toBe(
      '# mine\n[runtime]\nlog_level = "WARNING"\n\n[sources.rest_api]\nbase_url = "<configure me>"  # fill this in!\n',
    );
    expect(parse(host.read('.dlt/secrets.toml') ?? '')).toEqual({
      sources: { rest_api: { token: '<configure me>' } },
      destination: {
        postgres: {
          credentials: {
            database: '<configure me>',
            username: '<configure me>',
            password: '<configure me>',
            host: '<configure me>',
          },
        },
      },
    });
    expect(host.read('.dlt/secrets.toml')).toContain('password = "<configure me>"  # fill this in!');
    expect([...host.files.keys()].filter((file) => /\.dlt\/\w+\.(config|secrets)\.toml$/.test(file))).toEqual([]);
  });

  it('writes requirements.txt only when the project has no dependency file', () => {
    const bare = memoryFileHost();
    applyPlan(bare, planPipelineInit(bare, { directory: '', source: 'rest_api', destination: 'postgres', registry }));
    expect(bare.read('requirements.txt')).toBe('dlt[postgres]>=1.27.2,<2\n');
    const withPyproject = memoryFileHost('/w', { 'pyproject.toml': '[project]\nname = "x"\n' });
    const plan = planPipelineInit(withPyproject, {
      directory: '',
      source: 'rest_api',
      destination: 'postgres',
      registry,
    });
    expect(plan.files.map((file) => file.path)).not.toContain('requirements.txt');
  });

  it('never overwrites existing keys; unknown sources get the default template named after them', () => {
    const secrets = '[sources.my_api]\napi_key = "real-key"\n';
    const host = memoryFileHost('/w', { '.dlt/secrets.toml': secrets, '.dlt/config.toml': '' });
    const plan = planPipelineInit(host, { directory: '', source: 'my_api', destination: 'duckdb', registry });
    expect(plan.notes[0]).toContain('default template');
    applyPlan(host, plan);
    expect(host.read('.dlt/secrets.toml')).toBe(secrets);
    expect(host.read('my_api_pipeline.py')).toContain('def my_api_source(');
  });

  it('writes required destination config keys (filesystem bucket_url) to config.toml', () => {
    const host = memoryFileHost('/w', { '.dlt/config.toml': '', '.dlt/secrets.toml': '' });
    applyPlan(
      host,
      planPipelineInit(host, { directory: '', source: 'filesystem', destination: 'filesystem', registry }),
    );
    expect(parse(host.read('.dlt/config.toml') ?? '')).toEqual({
      sources: { filesystem: { bucket_url: '<configure me>' } },
      destination: { filesystem: { bucket_url: '<configure me>' } },
    });
  });

  it('accepts a named destination from the workspace files and rejects unknown ones', () => {
    const host = memoryFileHost('/w', {
      '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
    });
    expect(
      planPipelineInit(host, { directory: '', source: 'x', destination: 'warehouse', registry }).hasConflicts,
    ).toBe(false);
    expect(() => planPipelineInit(host, { directory: '', source: 'x', destination: 'lake', registry })).toThrow(
      expect.objectContaining({ code: 'UnknownDestination' }),
    );
  });

  it('an existing pipeline script is a conflict', () => {
    const host = memoryFileHost('/w', { 'rest_api_pipeline.py': '# mine' });
    expect(
      planPipelineInit(host, { directory: '', source: 'rest_api', destination: 'duckdb', registry }).hasConflicts,
    ).toBe(true);
  });
});

describe('--location', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-templates-'));
    fs.mkdirSync(path.join(dir, 'github'));
    fs.writeFileSync(
      path.join(dir, 'github/template.json'),
      JSON.stringify({ description: 'GitHub issues', config: { 'sources.github.owner': 'text' }, secrets: {} }),
    );
    fs.writeFileSync(path.join(dir, 'github/pipeline.py'), 'pipeline = "{{pipeline_name}}" to "{{destination}}"\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads templates from a local directory', () => {
    expect(listPipelineTemplates(dir).map((template) => template.name)).toEqual(['github']);
    const host = memoryFileHost();
    applyPlan(
      host,
      planPipelineInit(host, { directory: '', source: 'github', destination: 'duckdb', registry, location: dir }),
    );
    expect(host.read('github_pipeline.py')).toBe('pipeline = "github_pipeline" to "duckdb"\n');
    expect(parse(host.read('.dlt/config.toml') ?? '')).toEqual({ sources: { github: { owner: '<configure me>' } } });
  });

  it('clones a git repository shallowly', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'templates');
    expect(listPipelineTemplates(`file://${dir}`).map((template) => template.name)).toEqual(['github']);
  });

  it('a missing directory or failing clone is a clear error', () => {
    expect(() => listPipelineTemplates(path.join(dir, 'nope'))).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(() => listPipelineTemplates(`file://${dir}/nope.git`)).toThrow(expect.objectContaining({ code: 'Network' }));
  });
});
