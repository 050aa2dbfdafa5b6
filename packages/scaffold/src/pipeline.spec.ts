import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseToml } from '@dlthub/config-core/toml';
import { pyCompileText } from './__fixtures__/python-check';
import { testRegistry } from './__fixtures__/registry';
import { createVerifiedSourcesRepo } from './__fixtures__/verified-sources-repo';
import { memoryFileHost } from './file-host';
import { planPipelineInit } from './pipeline';
import { applyPlan } from './plan';
import { listSources } from './source-list';
import { listPipelineTemplates } from './template-source';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

const registry = testRegistry();
let repo: string;
beforeAll(() => {
  repo = createVerifiedSourcesRepo();
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('bundled core sources and templates', () => {
  it('bundles the core sources rest_api, sql_database, filesystem and the generic templates', () => {
    expect(listPipelineTemplates().map((template) => [template.name, template.kind])).toEqual([
      ['default', 'template'],
      ['filesystem', 'core'],
      ['requests', 'template'],
      ['rest_api', 'core'],
      ['sql_database', 'core'],
    ]);
  });

  it.each(['default', 'filesystem', 'requests', 'rest_api', 'sql_database'])(
    '%s: the generated script is valid Python for every destination',
    (name) => {
      for (const destination of ['duckdb', 'postgres']) {
        const host = memoryFileHost('/w');
        const source = name === 'default' ? 'my_api' : name;
        const plan = planPipelineInit(host, { directory: '', source, destination, registry, location: repo });
        const script = plan.files.find((file) => file.path === `${source}_pipeline.py`)?.content ?? '';
        expect(script).toContain(`destination="${destination}"`);
        expect(script).not.toContain('{{');
        pyCompileText(script, `${source}_pipeline.py`);
      }
    },
  );

  it('sql_database loads every table: no with_resources() without names', () => {
    const host = memoryFileHost('/w');
    applyPlan(
      host,
      planPipelineInit(host, { directory: '', source: 'sql_database', destination: 'postgres', registry }),
    );
    const code = (host.read('sql_database_pipeline.py') ?? '')
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).toContain('source = sql_database()\n');
    expect(code).not.toContain('with_resources(');
  });

  it('rest_api: the destination filled in, placeholders in the workspace-scoped files', () => {
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
    expect([...host.files.keys()].filter((file) => /\.dlt\/\w+\.(config|secrets)\.toml$/.test(file))).toEqual([]);
  });

  it('requirements: the source extra and the destination extra, merged into the existing dependency file', () => {
    const bare = memoryFileHost();
    applyPlan(
      bare,
      planPipelineInit(bare, { directory: '', source: 'sql_database', destination: 'postgres', registry }),
    );
    expect(bare.read('requirements.txt')).toBe('dlt[sql_database,postgres]>=1.27.2,<2\n');

    const pyproject = '[project]\nname = "x"\ndependencies = [\n    "dlt[hub]>=1.27.2,<2",\n]\n';
    const host = memoryFileHost('/w', { 'pyproject.toml': pyproject });
    const plan = planPipelineInit(host, { directory: '', source: 'sql_database', destination: 'postgres', registry });
    expect(plan.files.find((file) => file.path === 'pyproject.toml')).toMatchObject({
      action: 'UPDATE',
      reason: 'added dlt[sql_database], dlt[postgres]',
    });
    applyPlan(host, plan);
    expect(host.read('pyproject.toml')).toBe(
      '[project]\nname = "x"\ndependencies = [\n    "dlt[hub,sql_database,postgres]>=1.27.2,<2",\n]\n',
    );
    expect(host.exists('requirements.txt')).toBe(false);
  });

  it('a named destination brings its type requirement; unknown destinations are refused', () => {
    const host = memoryFileHost('/w', {
      '.dlt/prod.config.toml': '[destination.warehouse]\ndestination_type = "postgres"\n',
      'requirements.txt': 'dlt>=1\n',
    });
    const plan = planPipelineInit(host, { directory: '', source: 'rest_api', destination: 'warehouse', registry });
    expect(plan.files.find((file) => file.path === 'requirements.txt')?.content).toBe('dlt[postgres]>=1\n');
    expect(plan.files.find((file) => file.path === 'rest_api_pipeline.py')?.content).toContain(
      'destination="warehouse"',
    );
    expect(() => planPipelineInit(host, { directory: '', source: 'x', destination: 'lake', registry })).toThrow(
      expect.objectContaining({ code: 'UnknownDestinationType' }),
    );
  });

  it('an existing pipeline script is a conflict unless forced; existing keys are never overwritten', () => {
    const secrets = '[sources.rest_api]\ntoken = "real"\n';
    const host = memoryFileHost('/w', { 'rest_api_pipeline.py': '# mine', '.dlt/secrets.toml': secrets });
    const options = { directory: '', source: 'rest_api', destination: 'duckdb', registry };
    expect(planPipelineInit(host, options).hasConflicts).toBe(true);
    const forced = planPipelineInit(host, { ...options, force: true });
    expect(forced.files.find((file) => file.path === 'rest_api_pipeline.py')?.action).toBe('OVERWRITE');
    applyPlan(host, forced);
    expect(parse(host.read('.dlt/secrets.toml') ?? '')).toEqual({ sources: { rest_api: { token: 'real' } } });
  });
});

describe('verified sources from a git repository laid out like dlt-hub/verified-sources', () => {
  it('lists core sources, templates and verified sources with their one-line descriptions', () => {
    const listing = listSources({ location: `file://${repo}` });
    expect(listing.core.map((source) => source.name)).toEqual(['filesystem', 'rest_api', 'sql_database']);
    expect(listing.templates.map((source) => source.name)).toEqual(['default', 'requests']);
    expect(listing.verified).toEqual([
      { name: 'chess', description: 'A source loading player profiles and games from chess.com api' },
      {
        name: 'pipedrive',
        description:
          'Highly customizable source for Pipedrive, supports endpoint addition, selection and column rename',
      },
    ]);
    expect(listSources({ location: `file://${repo}`, branch: 'next' }).verified.map((source) => source.name)).toEqual([
      'chess',
      'jira',
      'pipedrive',
    ]);
  });

  it('copies sources/<name>/ and the shared module it imports, fills in the destination, writes keys and requirements', () => {
    const host = memoryFileHost('/w', {
      'pyproject.toml': '[project]\nname = "w"\ndependencies = ["dlt[hub]>=1.27.2,<2"]\n',
    });
    const plan = planPipelineInit(host, {
      directory: '',
      source: 'pipedrive',
      destination: 'postgres',
      registry,
      location: `file://${repo}`,
    });
    expect(plan.notes[0]).toBe(`Using the verified source pipedrive from file://${repo}.`);
    expect(Object.fromEntries(plan.files.map((file) => [file.path, file.action]))).toEqual({
      'pipedrive_pipeline.py': 'CREATE',
      'pipedrive/__init__.py': 'CREATE',
      'pipedrive/helpers.py': 'CREATE',
      '_shared/__init__.py': 'CREATE',
      '.dlt/config.toml': 'CREATE',
      '.dlt/secrets.toml': 'CREATE',
      'pyproject.toml': 'UPDATE',
    });
    applyPlan(host, plan);
    const script = host.read('pipedrive_pipeline.py') ?? '';
    expect(script).toContain('pipeline_name="pipedrive", destination="postgres", dataset_name="pipedrive_data"');
    pyCompileText(script);
    expect(host.read('pipedrive/helpers.py')).toContain('def entity_url');
    expect(parse(host.read('.dlt/secrets.toml') ?? '')).toMatchObject({
      sources: { pipedrive: { pipedrive_api_key: '<configure me>' } },
      destination: { postgres: { credentials: { password: '<configure me>' } } },
    });
    expect(parse(host.read('.dlt/config.toml') ?? '')).toEqual({
      sources: { pipedrive: { since_timestamp: '<configure me>', max_pages: 0 } },
    });
    expect(parse(host.read('pyproject.toml') ?? '')).toEqual({
      project: { name: 'w', dependencies: ['dlt[hub,postgres]>=1.27.2,<2', 'requests-oauthlib>=1.3.1'] },
    });
  });

  it('reads a local directory too, skipping caches; an existing source folder is a conflict unless forced', () => {
    fs.mkdirSync(path.join(repo, 'sources/chess/__pycache__'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'sources/chess/__pycache__/x.cpython-311.pyc'), 'bytecode');
    const host = memoryFileHost('/w', { 'chess/__init__.py': '# my edits' });
    const options = { directory: '', source: 'chess', destination: 'duckdb', registry, location: repo };
    const plan = planPipelineInit(host, options);
    expect(plan.files.filter((file) => file.action === 'CONFLICT').map((file) => file.path)).toEqual(['chess']);
    const forced = planPipelineInit(host, { ...options, force: true });
    expect(
      forced.files.filter((file) => file.path.startsWith('chess/')).map((file) => [file.path, file.action]),
    ).toEqual([['chess/__init__.py', 'OVERWRITE']]);
    expect(forced.files.find((file) => file.path === 'chess_pipeline.py')?.content).toContain('destination="duckdb"');
  });

  it('a source the repository does not have gets the default template; a bad location is a clear error', () => {
    const host = memoryFileHost('/w');
    const plan = planPipelineInit(host, {
      directory: '',
      source: 'shopify',
      destination: 'duckdb',
      registry,
      location: repo,
    });
    expect(plan.notes[0]).toContain('default template');
    expect(plan.files.find((file) => file.path === 'shopify_pipeline.py')?.content).toContain('def shopify_source(');
    const missing = path.join(os.tmpdir(), 'no-such-verified-sources');
    expect(() => listSources({ location: missing })).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(() => listSources({ location: `file://${repo}/nope.git` })).toThrow(
      expect.objectContaining({ code: 'Network' }),
    );
    expect(() => listSources({ location: `file://${repo}`, branch: 'no-such-branch' })).toThrow(
      expect.objectContaining({ code: 'Network', message: expect.stringContaining('branch no-such-branch') }),
    );
  });
});
