/**
 * dlt 1.26's resolution rules (issue "config-core gives dlt's answers"), each on a real temp workspace
 * with test destinations shaped like dlt's specs. Destination field lists are checked in each plugin.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { caughtDlthubError, workspaceTree } from './__fixtures__/tree';
import {
  createRegistry,
  defineDestination,
  definePlugin,
  FieldValueRejected,
  type CredentialsVariant,
} from './registry';
import { openWorkspace } from './workspace';

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };
const strip = (fields: Readonly<Record<string, unknown>>) =>
  typeof fields.password === 'string' ? { ...fields, password: fields.password.trim() } : { ...fields };

const connection: CredentialsVariant = {
  name: 'connection_string',
  description: 'sql login',
  schema: z.object({
    database: z.string(),
    password: z.string(),
    username: z.string(),
    host: z.string(),
    port: z.number().int().default(5432),
  }),
  secretFields: ['password'],
  parseNative: (native) => {
    const url = /^sql:\/\/(?<user>[^:]*):(?<pw>[^@]*)@(?<host>[^:/]*)(?::(?<port>\d+))?\/(?<db>.*)$/.exec(native);
    if (!url?.groups) throw new Error('not sql://');
    const { user, pw, host, port, db } = url.groups;
    return { username: user, password: pw, host, port: port ? Number(port) : undefined, database: db };
  },
  onResolved: strip,
};

const sql = defineDestination({
  type: 'sql',
  description: 'sql warehouse',
  configSchema: z.object({
    dataset_name: z.string().optional(),
    default_schema_name: z.string().optional(),
    replace_strategy: z.enum(['truncate-and-insert', 'insert-from-staging']).optional(),
    create_indexes: z.boolean().default(true),
    label: z.string().optional(),
    batch: z.number().int().optional(),
  }),
  credentialsSchemas: [connection],
  scaffold,
});

const account: CredentialsVariant = {
  name: 'account',
  description: 'service account',
  schema: z.object({ project_id: z.string(), private_key: z.string(), client_email: z.string() }),
  secretFields: ['private_key'],
  parseNative: (native) => {
    const json = JSON.parse(native) as Record<string, unknown>;
    if (json.type !== 'service_account') throw new Error('not a service account');
    return json;
  },
  onResolved: (fields) =>
    typeof fields.private_key === 'string' && !fields.private_key.endsWith('\n')
      ? { ...fields, private_key: `${fields.private_key}\n` }
      : { ...fields },
};
const oauth: CredentialsVariant = {
  name: 'oauth',
  description: 'oauth',
  schema: z.object({ project_id: z.string(), client_id: z.string(), client_secret: z.string() }),
  secretFields: ['client_secret'],
};
const cloud = defineDestination({
  type: 'cloud',
  description: 'google-like',
  configSchema: z.object({ location: z.string().default('US') }),
  credentialsSchemas: [account, oauth],
  scaffold,
});

const files = defineDestination({
  type: 'files',
  description: 'filesystem-like',
  configSchema: z.object({
    bucket_url: z.string(),
    replace_strategy: z.enum(['truncate-and-insert', 'insert-from-staging']).optional(),
  }),
  credentialsSchemas: [{ ...account, name: 'gcs' }],
  selectCredentials: (config) =>
    (typeof config.bucket_url === 'string' ? config.bucket_url : '').startsWith('gs://') ? ['gcs'] : [],
  scaffold,
});

/** ducklake-like: credentials embedding a catalog (credentials) and a storage (a plain configuration with its own credentials). */
const lake = defineDestination({
  type: 'lake',
  description: 'lake with nested configurations',
  configSchema: z.object({}),
  credentialsSchemas: [
    {
      name: 'lake',
      description: 'lake',
      schema: z.object({ lake_name: z.string().default('lake') }),
      secretFields: [],
      nested: {
        catalog: { description: 'catalog', variants: [connection] },
        storage: {
          description: 'storage',
          secret: false,
          fallback: (parent) => ({ bucket_url: `${String(parent.lake_name)}.files` }),
          variants: [
            {
              name: 'storage',
              description: 'storage',
              schema: z.object({ bucket_url: z.string() }),
              secretFields: [],
              nested: { credentials: { description: 'bucket keys', variants: [{ ...account, name: 'keys' }] } },
            },
          ],
        },
      },
    },
  ],
  scaffold,
});

/**
 * qdrant/sqlalchemy-like: client options embedded in the destination's own configuration, and a
 * configuration-level `on_resolved` that takes over a credentials value and refuses two settings together.
 */
const vec = defineDestination({
  type: 'vec',
  description: 'vector store with client options',
  configSchema: z.object({
    location: z.string().optional(),
    legacy_args: z.record(z.string(), z.unknown()).default({}),
  }),
  nested: {
    options: {
      description: 'client options',
      secret: false,
      variants: [
        {
          name: 'options',
          description: 'client options',
          schema: z.object({ port: z.number().int().default(6333), prefix: z.string().optional() }),
          secretFields: [],
        },
      ],
    },
  },
  credentialsSchemas: [
    {
      name: 'key',
      description: 'api key',
      schema: z.object({ api_key: z.string(), location: z.string().optional() }),
      secretFields: ['api_key'],
    },
  ],
  onResolved: ({ config, credentials }) => {
    if (config.location?.value && Object.keys(config.legacy_args?.value ?? {}).length > 0) {
      throw new FieldValueRejected('legacy_args', 'cannot be given together with location');
    }
    const moved = !config.location?.value && credentials.location?.value ? credentials.location : undefined;
    return { config: moved ? { ...config, location: moved } : config, credentials };
  },
  scaffold,
});

const registry = createRegistry([definePlugin({ name: 'rules', destinations: [sql, cloud, files, lake, vec] })]);

describe("dlt 1.26's resolution rules", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (tree: Record<string, string>, env: Record<string, string> = {}, secretsDir: string | null = null) => {
    const fixture = workspaceTree(tree);
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir, registry, secretsDir });
  };
  const SQL = '[destination.wh]\ndestination_type = "sql"\n';

  it('1: a field lookup drops `credentials` like any section, down to the bare key; the compact path comes third', () => {
    const workspace = open({
      'ws/.dlt/secrets.toml':
        '[destination.wh]\nusername = "at-destination-name"\n[destination.credentials]\nusername = "never"\n',
      'ws/.dlt/config.toml': 'page_size = 3\n[sources.contacts]\npage_size = 7\n',
    });
    const lookup = workspace.resolveField({ sections: ['destination', 'wh', 'credentials'], key: 'username' });
    expect(lookup).toMatchObject({ value: 'at-destination-name', matchedKey: 'destination.wh.username' });
    expect(lookup.tried.map((attempt) => attempt.key)).not.toContain('destination.credentials.username');
    const compact = workspace.resolveField({ sections: ['sources', 'crm', 'contacts', 'paging'], key: 'page_size' });
    expect(compact).toMatchObject({ value: 7, matchedKey: 'sources.contacts.page_size' });
  });

  it('1: a destination credentials field keeps `credentials` in every path', () => {
    const workspace = open({
      'ws/.dlt/config.toml': SQL,
      'ws/.dlt/secrets.toml': '[destination.wh]\nusername = "not-here"\n[credentials]\nusername = "generic"\n',
    });
    expect(workspace.resolveDestination('wh').credentials.username).toMatchObject({
      value: 'generic',
      matchedKey: 'credentials.username',
    });
  });

  it('2+3: unconfigured fields take the spec default, null when none, with provider `default`; dataset fields are never read', () => {
    const workspace = open({
      'ws/.dlt/config.toml': `${SQL}dataset_name = "ignored"\ndefault_schema_name = "ignored"\n`,
    });
    const { config, credentials } = workspace.resolveDestination('wh');
    expect(config.replace_strategy).toMatchObject({ value: null, provider: 'default' });
    expect(config.create_indexes).toMatchObject({ value: true, provider: 'default' });
    expect(config.dataset_name).toMatchObject({ value: null, provider: 'default', tried: [] });
    expect(config.default_schema_name).toMatchObject({ value: null, provider: 'default' });
    expect(credentials.port).toMatchObject({ value: 5432, provider: 'default' });
    expect(credentials.password).toMatchObject({ value: null, provider: 'default' });
  });

  it('5: with partial results the first union member wins; a native value it cannot parse goes to the next', () => {
    const CLOUD = '[destination.bq]\ndestination_type = "cloud"\n';
    const complete = '[destination.bq.credentials]\nproject_id = "p"\nclient_id = "c"\nclient_secret = "s"\n';
    const workspace = open({ 'ws/.dlt/config.toml': CLOUD, 'ws/.dlt/secrets.toml': complete });
    expect(workspace.resolveDestination('bq').credentialsVariant).toBe('account');
    expect(workspace.resolveDestination('bq', { requireComplete: true }).credentialsVariant).toBe('oauth');
    const native = open(
      { 'ws/.dlt/config.toml': CLOUD },
      { DESTINATION__BQ__CREDENTIALS: '{"project_id": "p", "client_id": "c"}' },
    );
    expect(native.resolveDestination('bq').credentialsVariant).toBe('oauth');
  });

  it('6: fix-ups run only on complete credentials', () => {
    const workspace = open({
      'ws/.dlt/config.toml': `${SQL}[destination.part]\ndestination_type = "sql"\n`,
      'ws/.dlt/secrets.toml':
        '[destination.wh.credentials]\ndatabase = "d"\nusername = "u"\nhost = "h"\npassword = " pw "\n' +
        '[destination.part.credentials]\nusername = "u"\npassword = " pw "\n',
    });
    expect(workspace.resolveDestination('wh').credentials.password?.value).toBe('pw');
    expect(workspace.resolveDestination('part').credentials.password?.value).toBe(' pw ');
  });

  it('7: typed TOML values into typed fields follow dlt coercion', () => {
    const workspace = open({
      'ws/.dlt/config.toml': `${SQL}create_indexes = 0\nlabel = 5.0\nbatch = 12.0\n[destination.bad]\ndestination_type = "sql"\nbatch = true\n`,
      'ws/.dlt/secrets.toml': '[destination.wh.credentials]\ndatabase = ["a", 1.5, 2]\nusername = { r = true }\n',
    });
    const { config, credentials } = workspace.resolveDestination('wh');
    expect(config.create_indexes?.value).toBe(false);
    expect(config.label?.value).toBe('5.0');
    expect(config.batch?.value).toBe(12);
    expect(credentials.database?.value).toBe('["a",1.5,2]');
    expect(credentials.username?.value).toBe('{"r":true}');
    expect(caughtDlthubError(() => workspace.resolveDestination('bad')).code).toBe('ConfigValueCannotBeCoerced');
  });

  it('8: credentials errors win over option errors; a filesystem-like type resolves credentials last', () => {
    const workspace = open({
      'ws/.dlt/config.toml':
        `${SQL}create_indexes = "sometimes"\n[destination.wh.credentials]\nhost = "h"\n` +
        '[destination.lake]\ndestination_type = "files"\nbucket_url = "gs://b"\nreplace_strategy = "nope"\n' +
        '[destination.lake.credentials]\nproject_id = "p"\n',
    });
    expect(caughtDlthubError(() => workspace.resolveDestination('wh')).code).toBe('ValueNotSecret');
    expect(caughtDlthubError(() => workspace.resolveDestination('lake')).code).toBe('ConfigValueCannotBeCoerced');
  });

  it('9: the whole-credentials secret lookup always happens, also without credentials to resolve', () => {
    const local = '[destination.lake]\ndestination_type = "files"\nbucket_url = "file:///tmp/x"\n';
    expect(
      caughtDlthubError(() =>
        open({ 'ws/.dlt/config.toml': `${local}[credentials]\nx = 1\n` }).resolveDestination('lake'),
      ),
    ).toMatchObject({ code: 'ValueNotSecret', keyPath: 'credentials' });
    const inSecrets = open({ 'ws/.dlt/config.toml': local, 'ws/.dlt/secrets.toml': '[credentials]\nx = 1\n' });
    expect(inSecrets.resolveDestination('lake').credentials).toEqual({});
  });

  it('10: a plain value in a higher-priority file replaces a table of a lower one, whatever follows it', () => {
    const workspace = open({
      'ws/.dlt/dev.secrets.toml': '[destination.wh]\ncredentials = "sql://u:p@h:6000/db"\n',
      'ws/.dlt/secrets.toml': '[destination.wh.credentials]\nhost = "table"\n[other]\nx = 1\n',
      'ws/.dlt/config.toml': SQL,
    });
    expect(workspace.resolveDestination('wh').credentials.host).toMatchObject({
      value: 'h',
      matchedKey: 'destination.wh.credentials',
    });
  });

  it('11: pipeline-name sections are tried first in every provider; /run/secrets for secret lookups only', () => {
    const secrets = fs.mkdtempSync(path.join(path.dirname(workspaceTree({}).root), 'run-secrets-'));
    fs.writeFileSync(path.join(secrets, 'sources--api-key'), 'from-file\n');
    cleanups.push(() => fs.rmSync(secrets, { recursive: true, force: true }));
    const workspace = open(
      { 'ws/.dlt/config.toml': '[crm_pipeline.sources]\npage = 1\n' },
      { SOURCES__PAGE: '9', SOURCES__API_KEY: 'from-env' },
      secrets,
    );
    expect(workspace.resolveField({ sections: ['sources'], key: 'page', pipelineName: 'crm_pipeline' })).toMatchObject({
      value: 1,
      provider: 'config.toml',
      matchedKey: 'crm_pipeline.sources.page',
    });
    expect(workspace.resolveField({ sections: ['sources'], key: 'api_key', secret: true })).toMatchObject({
      value: 'from-file\n',
      provider: 'Environment Variables',
    });
    expect(workspace.resolveField({ sections: ['sources'], key: 'api_key' }).value).toBe('from-env');
  });

  it("11: missing-field errors leave config-only providers out of a secret field's keys tried", () => {
    const workspace = open({ 'ws/.dlt/config.toml': SQL });
    const error = caughtDlthubError(() => workspace.resolveDestination('wh', { requireComplete: true }));
    expect(error.code).toBe('ConfigFieldMissing');
    const passwordBlock = error.message.split('destination.wh.credentials.password\n')[1]?.split('\n  destination')[0];
    expect(passwordBlock).toContain('Environment Variables: DESTINATION__WH__CREDENTIALS__PASSWORD');
    expect(passwordBlock).not.toContain('config.toml');
    expect(error.message).toContain('config.toml: destination.wh.credentials.username');
  });

  it('12: an empty database path in a connection string is an empty string', () => {
    const workspace = open({ 'ws/.dlt/config.toml': SQL }, { DESTINATION__WH__CREDENTIALS: 'sql://u:p@h:5432/' });
    expect(workspace.resolveDestination('wh').credentials.database).toMatchObject({
      value: '',
      provider: 'Environment Variables',
    });
  });

  describe('nested configurations go one section deeper per level (resolve.py _resolve_config_field)', () => {
    /** Keys tried, each once (every provider tries the same paths). */
    const unique = (keys: string[]) => [...new Set(keys)];
    const LAKE = '[destination.dl]\ndestination_type = "lake"\n';

    it('a configuration nested in the credentials keeps its own key and drops the outer ones from the right', () => {
      const workspace = open({
        'ws/.dlt/config.toml': LAKE,
        'ws/.dlt/secrets.toml':
          '[destination.dl.credentials.catalog]\nhost = "catalog-host"\n[destination.dl.catalog]\nusername = "at-name"\n[catalog]\ndatabase = "bare"\n[destination.dl.credentials]\nusername = "never"\n',
      });
      const { credentials, secretFields } = workspace.resolveDestination('dl');
      expect(credentials['catalog.host']).toMatchObject({
        value: 'catalog-host',
        matchedKey: 'destination.dl.credentials.catalog.host',
      });
      expect(credentials['catalog.username']).toMatchObject({
        value: 'at-name',
        matchedKey: 'destination.dl.catalog.username',
      });
      expect(credentials['catalog.database']).toMatchObject({ value: 'bare', matchedKey: 'catalog.database' });
      expect(unique((credentials['catalog.password']?.tried ?? []).map((attempt) => attempt.key))).toEqual([
        'destination.dl.credentials.catalog.password',
        'destination.dl.catalog.password',
        'destination.catalog.password',
        'catalog.password',
      ]);
      expect(secretFields).toEqual(['catalog.password', 'storage.credentials.private_key']);
    });

    it('two levels deep: storage credentials are tried under storage, then with each outer section dropped', () => {
      const workspace = open(
        { 'ws/.dlt/config.toml': LAKE },
        { DESTINATION__DL__CREDENTIALS__STORAGE__BUCKET_URL: 'gs://b' },
      );
      const { credentials, secretFields } = workspace.resolveDestination('dl');
      expect(credentials['storage.bucket_url']).toMatchObject({ value: 'gs://b', provider: 'Environment Variables' });
      expect(
        unique((credentials['storage.credentials.private_key']?.tried ?? []).map((attempt) => attempt.key)),
      ).toEqual([
        'destination.dl.credentials.storage.credentials.private_key',
        'destination.dl.credentials.credentials.private_key',
        'destination.dl.credentials.private_key',
        'destination.credentials.private_key',
        'credentials.private_key',
      ]);
      expect(secretFields).toEqual(['catalog.password', 'storage.credentials.private_key']);
    });

    it('the whole nested value is its native form, found at the enclosing paths and parsed by its spec', () => {
      const workspace = open(
        { 'ws/.dlt/config.toml': LAKE },
        { DESTINATION__DL__CREDENTIALS__CATALOG: 'sql://u:p@h:6000/meta' },
      );
      expect(workspace.resolveDestination('dl').credentials['catalog.port']).toMatchObject({
        value: 6000,
        matchedKey: 'destination.dl.credentials.catalog',
      });
    });

    it('a nested credentials value in config.toml is refused as a secret; a plain nested one is not', () => {
      const error = caughtDlthubError(() =>
        open({
          'ws/.dlt/config.toml': `${LAKE}[destination.dl.credentials]\ncatalog = "sql://u:p@h/db"\n`,
          'ws/.dlt/secrets.toml': '[destination.dl.credentials]\nlake_name = "l"\n',
        }).resolveDestination('dl'),
      );
      expect(error).toMatchObject({ code: 'ValueNotSecret', keyPath: 'destination.dl.credentials.catalog' });
      const storage = open({
        'ws/.dlt/config.toml': `${LAKE}[destination.dl.credentials.storage]\nbucket_url = "s3://x"\n`,
        'ws/.dlt/secrets.toml': '[destination.dl.credentials]\nlake_name = "l"\n',
      });
      expect(storage.resolveDestination('dl').credentials['storage.bucket_url']).toMatchObject({
        value: 's3://x',
        provider: 'config.toml',
      });
    });

    it('an unconfigured nested configuration with a fallback takes it and does not count as missing', () => {
      const workspace = open({ 'ws/.dlt/config.toml': LAKE }, { DESTINATION__DL__CREDENTIALS__LAKE_NAME: 'mylake' });
      expect(workspace.resolveDestination('dl').credentials['storage.bucket_url']).toMatchObject({
        value: 'mylake.files',
        provider: 'default',
      });
      const error = caughtDlthubError(() => workspace.resolveDestination('dl', { requireComplete: true }));
      expect(error.keyPath).toBe('destination.dl.credentials.catalog.database');
      expect(error.message).not.toContain('storage.bucket_url');
    });
  });

  describe("the destination's own configuration (destination.py resolveDestination)", () => {
    const VEC = '[destination.v]\ndestination_type = "vec"\n';

    it('resolves an embedded configuration in its own section, defaults with provenance `default`', () => {
      const workspace = open(
        { 'ws/.dlt/config.toml': `${VEC}[destination.v.options]\nprefix = "svc"\n` },
        { DESTINATION__V__OPTIONS__PORT: '7000' },
      );
      const { config } = workspace.resolveDestination('v');
      expect(config['options.prefix']).toMatchObject({ value: 'svc', matchedKey: 'destination.v.options.prefix' });
      expect(config['options.port']).toMatchObject({ value: 7000, provider: 'Environment Variables' });
      const defaults = open({ 'ws/.dlt/config.toml': VEC }).resolveDestination('v').config;
      expect(defaults['options.port']).toMatchObject({ value: 6333, provider: 'default' });
      expect([...new Set((defaults['options.port']?.tried ?? []).map((attempt) => attempt.key))]).toEqual([
        'destination.v.options.port',
        'destination.options.port',
        'options.port',
      ]);
    });

    it('runs the configuration-level fix-up only once the whole destination is complete', () => {
      const partial = open({ 'ws/.dlt/config.toml': VEC }, { DESTINATION__V__CREDENTIALS__LOCATION: 'http://q' });
      expect(partial.resolveDestination('v').config.location).toMatchObject({ value: null, provider: 'default' });
      const complete = open(
        { 'ws/.dlt/config.toml': VEC },
        { DESTINATION__V__CREDENTIALS__LOCATION: 'http://q', DESTINATION__V__CREDENTIALS__API_KEY: 'k' },
      );
      expect(complete.resolveDestination('v').config.location).toMatchObject({
        value: 'http://q',
        matchedKey: 'destination.v.credentials.location',
      });
    });

    it('a value the fix-up refuses names its key and file', () => {
      const error = caughtDlthubError(() =>
        open({
          'ws/.dlt/config.toml': `${VEC}location = "http://q"\n[destination.v.legacy_args]\nx = 1\n`,
          'ws/.dlt/secrets.toml': '[destination.v.credentials]\napi_key = "k"\n',
        }).resolveDestination('v'),
      );
      expect(error).toMatchObject({ code: 'InvalidConfigValue', keyPath: 'destination.v.legacy_args' });
      expect(error.location?.file).toBe('.dlt/config.toml');
    });
  });
});
