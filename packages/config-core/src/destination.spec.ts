import { z } from 'zod';
import { workspaceTree, caughtDlthubError } from './__fixtures__/tree';
import { createRegistry, defineDestination, definePlugin } from './registry';
import { openWorkspace } from './workspace';

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };

/** A postgres-like type: connection-string native form, port default 5432. */
const sql = defineDestination({
  type: 'sql',
  description: 'test sql destination',
  configSchema: z.object({
    replace_strategy: z.enum(['truncate-and-insert', 'staging-optimized']).default('truncate-and-insert'),
    create_indexes: z.boolean().default(true),
    dataset_name: z.string().optional(),
    batch: z.number().int().min(1).optional(),
  }),
  credentialsSchemas: [
    {
      name: 'connection_string',
      description: 'user/password',
      schema: z.object({
        database: z.string().optional(),
        username: z.string().optional(),
        password: z.string().optional(),
        host: z.string().optional(),
        port: z.number().int().default(5432),
        connect_timeout: z.number().int().default(15),
      }),
      secretFields: ['password'],
      parseNative: (native: string) => {
        const url = new URL(native);
        if (url.protocol !== 'sql:') throw new Error('expected sql://');
        return {
          username: url.username || undefined,
          password: url.password || undefined,
          host: url.hostname,
          port: url.port ? Number(url.port) : 5432,
          database: url.pathname.slice(1),
        };
      },
    },
  ],
  scaffold,
});

/** A filesystem-like type: variants chosen by the bucket_url scheme. */
const files = defineDestination({
  type: 'files',
  description: 'test file destination',
  configSchema: z.object({ bucket_url: z.string() }),
  credentialsSchemas: [
    {
      name: 'aws',
      description: 'keys',
      schema: z.object({ key_id: z.string().optional(), secret_key: z.string().optional() }),
      secretFields: ['secret_key'],
    },
    {
      name: 'gcp',
      description: 'sa',
      schema: z.object({ project_id: z.string().optional(), private_key: z.string().optional() }),
      secretFields: ['private_key'],
    },
  ],
  selectCredentials: (config) => {
    const url = typeof config.bucket_url === 'string' ? config.bucket_url : '';
    return url.startsWith('s3://') ? ['aws'] : url.startsWith('gs://') ? ['gcp'] : [];
  },
  scaffold,
});

const registry = createRegistry([definePlugin({ name: 'test-destinations', destinations: [sql, files] })]);

describe('resolveDestination', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (treeFiles: Record<string, string>, env: Record<string, string> = {}, profile?: string) => {
    const fixture = workspaceTree(treeFiles);
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir, registry, profile });
  };

  it('resolves each field on its own, with provenance, coercion and defaults', () => {
    const workspace = open(
      {
        'ws/.dlt/config.toml':
          '[destination]\nreplace_strategy = "staging-optimized"\n[destination.wh]\ndestination_type = "sql"\n[destination.wh.credentials]\nhost = "cfg-host"\ndatabase = "cfg_db"\n',
        'ws/.dlt/secrets.toml':
          '[destination.wh.credentials]\nusername = "u"\npassword = "sec_pw"\nhost = "sec-host"\n',
      },
      {
        DESTINATION__WH__CREDENTIALS__PASSWORD: 'env_pw',
        DESTINATION__WH__CREATE_INDEXES: 'no',
        CREDENTIALS__CONNECT_TIMEOUT: '0x1E',
      },
    );
    const destination = workspace.resolveDestination('wh');
    expect(destination).toMatchObject({
      name: 'wh',
      destinationType: 'sql',
      credentialsVariant: 'connection_string',
      secretFields: ['password'],
    });
    expect(destination.typeSource).toMatchObject({
      value: 'sql',
      provider: 'config.toml',
      file: '.dlt/config.toml',
      line: 4,
    });
    const summary = (fields: typeof destination.credentials) =>
      Object.fromEntries(
        Object.entries(fields).map(([key, source]) => [key, [source.value, source.provider, source.matchedKey]]),
      );
    expect(summary(destination.credentials)).toEqual({
      database: ['cfg_db', 'config.toml', 'destination.wh.credentials.database'],
      username: ['u', 'secrets.toml', 'destination.wh.credentials.username'],
      password: ['env_pw', 'Environment Variables', 'destination.wh.credentials.password'],
      host: ['sec-host', 'secrets.toml', 'destination.wh.credentials.host'],
      port: [5432, 'default', null],
      connect_timeout: [30, 'Environment Variables', 'credentials.connect_timeout'],
    });
    expect(summary(destination.config)).toEqual({
      replace_strategy: ['staging-optimized', 'config.toml', 'destination.replace_strategy'],
      create_indexes: [false, 'Environment Variables', 'destination.wh.create_indexes'],
      // Nothing configures these: the spec default (null when none) with provider `default`.
      dataset_name: [null, 'default', null],
      batch: [null, 'default', null],
    });
  });

  it('parses a native string first; fields it sets win, fields at their default are still looked up', () => {
    const workspace = open(
      {
        'ws/.dlt/config.toml': '[destination.a]\ndestination_type = "sql"\n[destination.b]\ndestination_type = "sql"\n',
      },
      {
        DESTINATION__A__CREDENTIALS: 'sql://u:p@h:5432/db',
        DESTINATION__A__CREDENTIALS__PASSWORD: 'field-pw',
        DESTINATION__A__CREDENTIALS__PORT: '6543',
        DESTINATION__B__CREDENTIALS: 'sql://only-user@host:6000/db',
        DESTINATION__B__CREDENTIALS__PASSWORD: 'field-pw',
      },
    );
    const a = workspace.resolveDestination('a').credentials;
    expect([a.password.value, a.password.matchedKey]).toEqual(['p', 'destination.a.credentials']);
    expect([a.port.value, a.port.matchedKey]).toEqual([6543, 'destination.a.credentials.port']);
    const b = workspace.resolveDestination('b').credentials;
    expect([b.password.value, b.password.matchedKey]).toEqual(['field-pw', 'destination.b.credentials.password']);
    expect([b.port.value, b.port.provider]).toEqual([6000, 'Environment Variables']);
  });

  it('a malformed native string is a coercion error that does not print the secret', () => {
    const workspace = open({
      'ws/.dlt/secrets.toml': '[destination.sql]\ncredentials = "nope://secret-password-here"\n',
    });
    const error = caughtDlthubError(() => workspace.resolveDestination('sql'));
    expect(error).toMatchObject({
      code: 'ConfigValueCannotBeCoerced',
      provider: 'secrets.toml',
      location: { file: '.dlt/secrets.toml', line: 2 },
    });
    expect(error.message).not.toContain('secret-password-here');
  });

  it('a credentials table only in config.toml fails as not secret; once secrets.toml has part of it, config.toml may fill the rest', () => {
    const workspace = open({
      'ws/.dlt/config.toml':
        '[destination.wh]\ndestination_type = "sql"\n[destination.wh.credentials]\nhost = "h"\n[destination.rep]\ndestination_type = "sql"\n[destination.rep.credentials]\nhost = "rep-host"\n',
      'ws/.dlt/secrets.toml': '[destination.rep.credentials]\npassword = "pw"\n',
    });
    const error = caughtDlthubError(() => workspace.resolveDestination('wh'));
    expect(error).toMatchObject({
      code: 'ValueNotSecret',
      keyPath: 'destination.wh.credentials',
      location: { file: '.dlt/config.toml', line: 3 },
    });
    const rep = workspace.resolveDestination('rep').credentials;
    expect([rep.host.value, rep.host.provider, rep.password.provider]).toEqual([
      'rep-host',
      'config.toml',
      'secrets.toml',
    ]);
  });

  it('a secret credentials field reached in config.toml fails; a bad literal fails with the key path', () => {
    const workspace = open(
      {
        'ws/.dlt/secrets.toml': '[destination.wh.credentials]\nhost = "h"\n',
        'ws/.dlt/config.toml':
          '[destination.wh]\ndestination_type = "sql"\n[destination.credentials]\npassword = "in-config"\n',
      },
      {
        DESTINATION__OTHER__DESTINATION_TYPE: 'sql',
        DESTINATION__OTHER__REPLACE_STRATEGY: 'drop-everything',
        DESTINATION__THIRD__BATCH: '0',
      },
    );
    expect(caughtDlthubError(() => workspace.resolveDestination('wh'))).toMatchObject({
      code: 'ValueNotSecret',
      keyPath: 'destination.credentials.password',
    });
    // Credentials are resolved before the type's options: the generic [destination.credentials] table in
    // config.toml (reached by the whole-credentials secret lookup) fails `other` before its bad option.
    expect(caughtDlthubError(() => workspace.resolveDestination('other'))).toMatchObject({
      code: 'ValueNotSecret',
      keyPath: 'destination.credentials',
      provider: 'config.toml',
    });
    const clean = open(
      {},
      { DESTINATION__OTHER__DESTINATION_TYPE: 'sql', DESTINATION__OTHER__REPLACE_STRATEGY: 'drop-everything' },
    );
    const coercion = caughtDlthubError(() => clean.resolveDestination('other'));
    expect(coercion).toMatchObject({
      code: 'ConfigValueCannotBeCoerced',
      keyPath: 'destination.other.replace_strategy',
      provider: 'Environment Variables',
    });
    expect(coercion.message).toContain('"drop-everything"');
  });

  it('zod validation failures name the key path and file', () => {
    const workspace = open({ 'ws/.dlt/config.toml': '[destination.sql]\nbatch = 0\n' });
    const error = caughtDlthubError(() => workspace.resolveDestination('sql'));
    expect(error).toMatchObject({
      code: 'InvalidConfigValue',
      keyPath: 'destination.sql.batch',
      location: { file: '.dlt/config.toml', line: 2 },
    });
  });

  it('destination_type is read at the exact path from any provider; else the name is the type; else UnknownDestination', () => {
    const workspace = open(
      {
        'ws/.dlt/config.toml':
          '[destination]\ndestination_type = "sql"\n[destination.warehouse]\nx = 1\n[destination.bad]\ndestination_type = "nosuch"\n',
        'ws/.dlt/prod.secrets.toml': '[destination.files]\ndestination_type = "sql"\n',
      },
      { DESTINATION__SCRATCH__DESTINATION_TYPE: 'files', DESTINATION__SCRATCH__BUCKET_URL: 's3://b' },
      'prod',
    );
    expect(workspace.resolveDestination('files').destinationType).toBe('sql');
    expect(workspace.resolveDestination('scratch')).toMatchObject({
      destinationType: 'files',
      credentialsVariant: 'aws',
    });
    expect(workspace.resolveDestination('sql')).toMatchObject({ destinationType: 'sql', typeSource: null });
    const unknown = caughtDlthubError(() => workspace.resolveDestination('warehouse'));
    expect(unknown.code).toBe('UnknownDestination');
    expect(unknown.message).toBe(
      'Unknown destination "warehouse": no destination_type is configured and "warehouse" is not a destination type either. Registered types: files, sql.',
    );
    expect(unknown.hint).toBe(
      'Name its type in .dlt/config.toml (or .dlt/<profile>.config.toml):\n[destination.warehouse]\ndestination_type = "files"',
    );
    expect(caughtDlthubError(() => workspace.resolveDestination('bad')).message).toContain(
      'destination_type = "nosuch" from config.toml (.dlt/config.toml:6) is not a registered destination type',
    );
    expect(workspace.destinationNames()).toEqual(['bad', 'files', 'scratch', 'warehouse']);
  });

  it('picks credentials variants by selectCredentials, and none for local buckets', () => {
    const workspace = open({
      'ws/.dlt/config.toml':
        '[destination.gs]\ndestination_type = "files"\nbucket_url = "gs://b"\n[destination.local]\ndestination_type = "files"\nbucket_url = "file:///tmp"\n',
      'ws/.dlt/secrets.toml': '[destination.gs.credentials]\nproject_id = "p"\n',
    });
    expect(workspace.resolveDestination('gs')).toMatchObject({
      credentialsVariant: 'gcp',
      secretFields: ['private_key'],
    });
    expect(workspace.resolveDestination('gs').credentials.project_id.value).toBe('p');
    expect(workspace.resolveDestination('local')).toMatchObject({ credentialsVariant: null, credentials: {} });
  });

  it('accepts partial results, or with requireComplete lists every key tried for a missing required field', () => {
    const workspace = open({ 'ws/.dlt/config.toml': '[destination.bucket]\ndestination_type = "files"\n' });
    expect(workspace.resolveDestination('bucket').config.bucket_url).toMatchObject({
      value: null,
      found: false,
      provider: 'default',
    });
    const error = caughtDlthubError(() => workspace.resolveDestination('bucket', { requireComplete: true }));
    expect(error).toMatchObject({ code: 'ConfigFieldMissing', keyPath: 'destination.bucket.bucket_url' });
    expect(error.message).toContain('Environment Variables: DESTINATION__BUCKET__BUCKET_URL');
    expect(error.message).toContain('config.toml: destination.bucket_url');
    expect(error.hint).toContain('DESTINATION__BUCKET__BUCKET_URL');
  });

  it('without a registry every destination is unknown, and says no plugins are loaded', () => {
    const fixture = workspaceTree({});
    cleanups.push(fixture.tree.cleanup);
    const workspace = openWorkspace({ cwd: fixture.root, env: {}, globalDir: fixture.globalDir });
    expect(caughtDlthubError(() => workspace.resolveDestination('duckdb')).message).toContain(
      '(none: no destination plugins are loaded)',
    );
  });
});
