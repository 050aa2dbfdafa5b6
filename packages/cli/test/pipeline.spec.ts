/**
 * `dlthub pipeline init` on the built binary, against a real git repository laid out like
 * dlt-hub/verified-sources (the public repository can't be reached from tests), checked by Python.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { checkPyproject, createVerifiedSourcesRepo, pyCompile } from '@dlthub/scaffold/testing';
import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

const PYPROJECT = '[project]\nname = "shop"\nversion = "0.0.1"\ndependencies = [\n    "dlt[hub]>=1.27.2,<2",\n]\n';

describe('dlthub pipeline init', () => {
  let box: Sandbox;
  let repo: string;
  let repoUrl: string;
  beforeEach(() => {
    box = sandbox();
    repo = createVerifiedSourcesRepo(path.dirname(box.dir));
    repoUrl = `file://${repo}`;
    writeWorkspace(box, {
      '.dlt/secrets.toml': '# add your dlt secrets here\n[sources.sql_database]\ncredentials = "postgresql://kept"\n',
      'pyproject.toml': PYPROJECT,
    });
  });
  afterEach(() => box.cleanup());

  it('--list-sources lists core sources, templates and the verified sources of --location with descriptions', () => {
    const result = box.run(['pipeline', 'init', '--list-sources', '--location', repoUrl]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      '---',
      'Available dlt core sources:',
      '---',
      'filesystem: Filesystem source: CSV, JSONL and Parquet files from local disk or cloud buckets',
      'rest_api: REST API source: declare endpoints, pagination and auth as a config dict',
      'sql_database: SQL database source: tables of any SQLAlchemy-supported database',
      '---',
      'Available dlt single file templates:',
      '---',
      'default: Minimal source: one resource to fill in with your own extraction code',
      "requests: HTTP API source with dlt's requests helper: paginate an endpoint with retries",
      '---',
      `Available verified sources (${repoUrl}):`,
      '---',
      'chess: A source loading player profiles and games from chess.com api',
      'pipedrive: Highly customizable source for Pipedrive, supports endpoint addition, selection and column rename',
      '',
    ]);
    const branch = box.run(['--json', 'pipeline', 'init', '--list-sources', '--location', repoUrl, '--branch', 'next']);
    expect((JSON.parse(branch.stdout) as { verified: Array<{ name: string }> }).verified.map((s) => s.name)).toEqual([
      'chess',
      'jira',
      'pipedrive',
    ]);
  });

  it('a verified source: folder and shared helper copied, destination filled in, keys and requirements merged', () => {
    const result = box.run(['pipeline', 'init', 'pipedrive', 'postgres', '--location', repoUrl]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Using the verified source pipedrive from ${repoUrl}.`);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      '[CREATE] pipedrive_pipeline.py',
      '[CREATE] pipedrive/__init__.py',
      '[CREATE] pipedrive/helpers.py',
      '[CREATE] _shared/__init__.py',
      '[UPDATE] .dlt/config.toml',
      '[UPDATE] .dlt/secrets.toml',
      '[UPDATE] pyproject.toml  (added requests-oauthlib>=1.3.1, dlt[postgres])',
    ]);
    expect(box.exists('pipedrive/requirements.txt')).toBe(false);
    expect(box.exists('pipedrive/py.typed')).toBe(false);
    expect(box.read('pipedrive_pipeline.py')).toContain('destination="postgres"');
    pyCompile(
      ['pipedrive_pipeline.py', 'pipedrive/__init__.py', 'pipedrive/helpers.py', '_shared/__init__.py'].map((f) =>
        path.join(box.dir, f),
      ),
    );

    expect(parse(box.read('.dlt/secrets.toml'))).toMatchObject({
      sources: {
        sql_database: { credentials: 'postgresql://kept' },
        pipedrive: { pipedrive_api_key: '<configure me>' },
      },
      destination: { postgres: { credentials: { password: '<configure me>' } } },
    });
    expect(parse(box.read('.dlt/config.toml'))).toMatchObject({
      sources: { pipedrive: { since_timestamp: '<configure me>', max_pages: 0 } },
    });
    const pyproject = box.read('pyproject.toml');
    expect(pyproject).toBe(
      PYPROJECT.replace('"dlt[hub]>=1.27.2,<2",', '"dlt[hub,postgres]>=1.27.2,<2",\n    "requests-oauthlib>=1.3.1",'),
    );
    expect(checkPyproject(pyproject).problems).toEqual([]);

    // A second run refuses to overwrite the script and the source folder, and writes nothing.
    const before = box.snapshot();
    const again = box.run(['pipeline', 'init', 'pipedrive', 'postgres', '--location', repoUrl]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /error: Nothing was written: pipedrive_pipeline\.py \(exists\), pipedrive \(source folder exists/,
    );
    expect(box.snapshot()).toEqual(before);
    // --dry-run of a conflicting plan fails the same way; --force overwrites.
    expect(box.run(['pipeline', 'init', 'pipedrive', 'postgres', '--location', repoUrl, '--dry-run']).code).toBe(1);
    fs.writeFileSync(path.join(box.dir, 'pipedrive/helpers.py'), '# my edits\n');
    const forced = box.run(['pipeline', 'init', 'pipedrive', 'duckdb', '--location', repoUrl, '--force']);
    expect(forced.code).toBe(0);
    expect(box.read('pipedrive/helpers.py')).toContain('def entity_url');
    expect(box.read('pipedrive_pipeline.py')).toContain('destination="duckdb"');
  });

  it('a local directory of the same layout works as --location; an unknown source gets the default template', () => {
    expect(box.run(['pipeline', 'init', 'chess', 'duckdb', '--location', repo]).code).toBe(0);
    expect(box.read('chess_pipeline.py')).toContain(`destination="duckdb"`);
    expect(box.exists('chess/__init__.py')).toBe(true);
    const shopify = box.run(['pipeline', 'init', 'shopify', 'duckdb', '--location', repo]);
    expect(shopify.code).toBe(0);
    expect(shopify.stderr).toContain('using the default template, named after it');
    expect(box.read('shopify_pipeline.py')).toContain('def shopify_source(');
    pyCompile([path.join(box.dir, 'chess_pipeline.py'), path.join(box.dir, 'shopify_pipeline.py')]);
  });

  it('core sql_database: loads every table, keeps existing keys, adds the sql_database and destination extras', () => {
    const secretsBefore = box.read('.dlt/secrets.toml');
    const result = box.run(['pipeline', 'init', 'sql_database', 'postgres']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[CREATE] sql_database_pipeline.py');
    expect(result.stdout).toContain('[UPDATE] pyproject.toml  (added dlt[sql_database], dlt[postgres])');
    const script = box.read('sql_database_pipeline.py');
    expect(script).toContain('destination="postgres"');
    expect(script).toContain('    source = sql_database()\n');
    pyCompile([path.join(box.dir, 'sql_database_pipeline.py')]);
    const secrets = box.read('.dlt/secrets.toml');
    expect(secrets.startsWith(secretsBefore)).toBe(true);
    expect(secrets).toContain('password = "<configure me>"  # fill this in!');
    expect(parse(secrets)).toMatchObject({ sources: { sql_database: { credentials: 'postgresql://kept' } } });
    expect(parse(box.read('pyproject.toml'))).toMatchObject({
      project: { dependencies: ['dlt[hub,sql_database,postgres]>=1.27.2,<2'] },
    });
    expect(
      fs.readdirSync(path.join(box.dir, '.dlt')).filter((file) => /^\w+\.(config|secrets)\.toml$/.test(file)),
    ).toEqual([]);
  });

  it('a bad --location or --branch is a clear error that names the location without its credentials', () => {
    const before = box.snapshot();
    const missing = box.run(['pipeline', 'init', 'chess', 'duckdb', '--location', path.join(repo, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a directory');
    const branch = box.run(['pipeline', 'init', '--list-sources', '--location', repoUrl, '--branch', 'nope']);
    expect(branch.code).toBe(1);
    expect(branch.stderr).toContain(`git clone of ${repoUrl} (branch nope) failed`);
    const secretUrl = box.run([
      'pipeline',
      'init',
      'chess',
      'duckdb',
      '--location',
      'https://user:s3cr3t-token@127.0.0.1:9/x.git',
    ]);
    expect(secretUrl.code).toBe(1);
    expect(secretUrl.stderr).toContain('https://***@127.0.0.1:9/x.git');
    expect(secretUrl.stderr).not.toContain('s3cr3t');
    expect(box.snapshot()).toEqual(before);
  });

  it('unknown destinations and missing arguments are errors that write nothing', () => {
    const before = box.snapshot();
    const unknown = box.run(['pipeline', 'init', 'rest_api', 'oracle']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/hint: Registered types: .*dlthub destination add oracle --type <type>/);
    expect(box.run(['pipeline', 'init', 'rest_api']).code).toBe(2);
    expect(box.snapshot()).toEqual(before);
  });
});
