import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('dlthub pipeline init', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/secrets.toml': '# add your dlt secrets here\n[sources.sql_database]\ncredentials = "postgresql://kept"\n',
    });
  });
  afterEach(() => box.cleanup());

  it('--list-sources lists the bundled templates', () => {
    const result = box.run(['pipeline', 'init', '--list-sources']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.split(' ')[0])).toEqual([
      'default',
      'filesystem',
      'rest_api',
      'sql_database',
      '',
    ]);
  });

  it('copies the script and writes placeholders into workspace-scoped files without overwriting keys', () => {
    const secretsBefore = box.read('.dlt/secrets.toml');
    const result = box.run(['pipeline', 'init', 'sql_database', 'postgres']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[CREATE] sql_database_pipeline.py');
    expect(box.read('sql_database_pipeline.py')).toContain('destination="postgres"');
    const secrets = box.read('.dlt/secrets.toml');
    expect(secrets.startsWith(secretsBefore)).toBe(true);
    expect(secrets).toContain('password = "<configure me>"  # fill this in!');
    expect(parse(secrets)).toMatchObject({ sources: { sql_database: { credentials: 'postgresql://kept' } } });
    expect(
      fs.readdirSync(path.join(box.dir, '.dlt')).filter((file) => /^\w+\.(config|secrets)\.toml$/.test(file)),
    ).toEqual([]);

    const again = box.run(['pipeline', 'init', 'sql_database', 'postgres']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error: Nothing was written: sql_database_pipeline\.py/);
  });

  it('an unknown source gets the default template named after it; --location reads a directory', () => {
    expect(box.run(['pipeline', 'init', 'shopify', 'duckdb']).code).toBe(0);
    expect(box.read('shopify_pipeline.py')).toContain('def shopify_source(');
    expect(parse(box.read('.dlt/secrets.toml'))).toMatchObject({ sources: { shopify: { api_key: '<configure me>' } } });

    const templates = path.join(box.globalDir, 'templates');
    fs.mkdirSync(path.join(templates, 'jira'), { recursive: true });
    fs.writeFileSync(
      path.join(templates, 'jira', 'template.json'),
      '{"description": "Jira issues", "config": {}, "secrets": {}}',
    );
    fs.writeFileSync(path.join(templates, 'jira', 'pipeline.py'), '# jira to {{destination}}\n');
    expect(box.run(['pipeline', 'init', '--list-sources', '--location', templates]).stdout).toBe(
      'jira - Jira issues\n',
    );
    expect(box.run(['pipeline', 'init', 'jira', 'duckdb', '--location', templates]).code).toBe(0);
    expect(box.read('jira_pipeline.py')).toBe('# jira to duckdb\n');
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
