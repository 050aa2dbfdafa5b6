import { parse } from 'smol-toml';
import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('dlthub destination', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box);
  });
  afterEach(() => box.cleanup());

  it('list: every registered type with fields, secret fields marked', () => {
    const result = box.run(['destination', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^postgres - /m);
    expect(result.stdout).toMatch(/credentials \(\w+\): .*password\* \(secret\)/);
    const json = JSON.parse(box.run(['--json', 'destination', 'list']).stdout) as {
      destinations: Array<{
        type: string;
        config: Array<{ name: string; kind: string; default?: unknown }>;
        credentials: Array<{ fields: Array<{ name: string; secret: boolean }> }>;
      }>;
    };
    expect(json.destinations.map((entry) => entry.type)).toEqual([
      'athena',
      'bigquery',
      'clickhouse',
      'databricks',
      'destination',
      'dremio',
      'duckdb',
      'ducklake',
      'dummy',
      'fabric',
      'filesystem',
      'lancedb',
      'motherduck',
      'mssql',
      'postgres',
      'qdrant',
      'redshift',
      'snowflake',
      'sqlalchemy',
      'synapse',
      'weaviate',
    ]);
    const ducklake = json.destinations.find((entry) => entry.type === 'ducklake');
    const ducklakeFields = ducklake?.credentials[0]?.fields ?? [];
    expect(ducklakeFields.find((field) => field.name === 'catalog.password')?.secret).toBe(true);
    expect(ducklakeFields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['ducklake_name', 'storage.bucket_url', 'storage.credentials.aws_secret_access_key']),
    );
    // qdrant's client options are a configuration embedded in its own, listed as `options.<field>`.
    const qdrant = json.destinations.find((entry) => entry.type === 'qdrant');
    expect(qdrant?.config).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'options.port', kind: 'int', default: 6333 })]),
    );
    const postgres = json.destinations.find((entry) => entry.type === 'postgres');
    expect(postgres?.credentials[0]?.fields.find((field) => field.name === 'password')?.secret).toBe(true);
  });

  it('add on commented files changes only the lines involved, credentials only in secrets files', () => {
    const devConfig = '# dev settings -- keep\r\n[runtime]\r\nlog_level = "INFO"   # noisy\r\n';
    const prodSecrets = "# prod secrets\n[destination.warehouse.credentials]\nhost = 'db.prod' # set by ops\n";
    box.write('.dlt/dev.config.toml', devConfig);
    box.write('.dlt/prod.secrets.toml', prodSecrets);
    const before = box.snapshot();
    const result = box.run([
      'destination',
      'add',
      'warehouse',
      '--type',
      'postgres',
      '--profile',
      'dev',
      '--profile',
      'prod',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[UPDATE] .dlt/dev.config.toml');
    expect(result.stdout).toContain('[CREATE] .dlt/prod.config.toml');

    // Original bytes are an untouched prefix; only new lines follow.
    const newDevConfig = box.read('.dlt/dev.config.toml');
    expect(newDevConfig.startsWith(devConfig)).toBe(true);
    expect(newDevConfig.slice(devConfig.length)).toBe(
      '\r\n[destination.warehouse]\r\ndestination_type = "postgres"\r\n',
    );
    const newProdSecrets = box.read('.dlt/prod.secrets.toml');
    expect(newProdSecrets.startsWith(prodSecrets)).toBe(true);
    expect(
      newProdSecrets
        .slice(prodSecrets.length)
        .split('\n')
        .every((line) => line === '' || /^\w+ = /.test(line)),
    ).toBe(true);

    for (const file of ['.dlt/dev.config.toml', '.dlt/prod.config.toml']) {
      expect(JSON.stringify(parse(box.read(file)))).not.toContain('credentials');
    }
    expect(parse(box.read('.dlt/prod.secrets.toml'))).toMatchObject({
      destination: { warehouse: { credentials: { host: 'db.prod' } } },
    });
    const after = box.snapshot();
    for (const file of ['.dlt/config.toml', '.dlt/secrets.toml', '.dlt/.workspace'])
      expect(after[file]).toBe(before[file]);

    // Adding again keeps everything.
    const again = box.snapshot();
    expect(
      box.run(['destination', 'add', 'warehouse', '--type', 'postgres', '--profile', 'dev', '--profile', 'prod']).code,
    ).toBe(0);
    expect(box.snapshot()).toEqual(again);
  });

  it('add without --profile targets the active profile; --dry-run writes nothing', () => {
    const dry = box.run(['destination', 'add', 'lake', '--type', 'filesystem', '--dry-run'], {
      env: { WORKSPACE__PROFILE: 'tests' },
    });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('[CREATE] .dlt/tests.config.toml');
    expect(box.exists('.dlt/tests.config.toml')).toBe(false);
    expect(
      box.run(['destination', 'add', 'lake', '--type', 'filesystem'], { env: { WORKSPACE__PROFILE: 'tests' } }).code,
    ).toBe(0);
    expect(parse(box.read('.dlt/tests.config.toml'))).toMatchObject({
      destination: { lake: { destination_type: 'filesystem' } },
    });
    const validate = box.run(['config', 'validate'], { env: { WORKSPACE__PROFILE: 'tests' } });
    expect(validate.stdout).toContain('lake (filesystem)');
  });

  /** Filled-in prod files for a type: what a user writes over the scaffold's placeholders. */
  const filled: Record<string, { config?: string; secrets: string }> = {
    redshift: {
      secrets:
        '[destination.w.credentials]\ndatabase = "dwh"\nusername = "loader"\npassword = "pw"\nhost = "c.eu-west-1.redshift.amazonaws.com"\n',
    },
    clickhouse: {
      secrets: '[destination.w]\ncredentials = "clickhouse://loader:pw@ch.example.com:9440/default?secure=1"\n',
    },
    athena: {
      config: '[destination.w]\ndestination_type = "athena"\nquery_result_bucket = "s3://athena-results"\n',
      secrets:
        '[destination.w.credentials]\naws_access_key_id = "AKIAEXAMPLE"\naws_secret_access_key = "sk"\nregion_name = "eu-west-1"\n',
    },
  };

  it.each(Object.keys(filled))(
    'add --type %s scaffolds prod; validate flags the placeholders, then passes once filled',
    (type) => {
      const added = box.run(['destination', 'add', 'w', '--type', type, '--profile', 'prod']);
      expect(added.code).toBe(0);
      expect(parse(box.read('.dlt/prod.config.toml'))).toMatchObject({
        destination: { w: { destination_type: type } },
      });
      expect(box.read('.dlt/prod.secrets.toml')).toContain('[destination.w.credentials]');
      const env = { WORKSPACE__PROFILE: 'prod' };
      const pending = box.run(['--json', 'config', 'validate'], { env });
      expect(pending.code).toBe(1);
      const report = JSON.parse(pending.stdout) as {
        destinations: Array<{ name: string; type: string; ok: boolean }>;
        issues: Array<{ kind: string }>;
      };
      expect(report.destinations).toEqual([expect.objectContaining({ name: 'w', type, ok: true })]);
      expect(report.issues.map((issue) => issue.kind)).toContain('placeholder');

      const files = filled[type];
      if (!files) throw new Error(`no filled-in files for ${type}`);
      if (files.config) box.write('.dlt/prod.config.toml', files.config);
      box.write('.dlt/prod.secrets.toml', files.secrets);
      const done = box.run(['config', 'validate'], { env });
      expect(done.stdout).toContain(`ok    w (${type})`);
      expect(done.stdout).toContain('No problems found.');
      expect(done.code).toBe(0);
      expect(done.stdout + done.stderr).not.toContain('pw@');
    },
  );
});
