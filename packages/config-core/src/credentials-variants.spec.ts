import { z } from 'zod';
import { workspaceTree } from './__fixtures__/tree';
import { createRegistry, defineDestination, definePlugin } from './registry';
import { openWorkspace } from './workspace';

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };

/** Shaped like dlt's GCP union: service account, then OAuth, then machine defaults (nothing required). */
const cloud = defineDestination({
  type: 'cloud',
  description: 'test destination with a credentials union',
  configSchema: z.object({ location: z.string().default('US') }),
  credentialsSchemas: [
    {
      name: 'service_account',
      description: 'key',
      schema: z.object({
        project_id: z.string(),
        private_key: z.string(),
        client_email: z.string(),
        private_key_id: z.string().optional(),
      }),
      secretFields: ['private_key'],
      parseNative: (native: string) => {
        const parsed = JSON.parse(native) as Record<string, unknown>;
        if (parsed.type !== 'service_account') throw new Error('not a service account');
        return parsed;
      },
    },
    {
      name: 'oauth',
      description: 'oauth',
      schema: z.object({
        project_id: z.string(),
        client_id: z.string(),
        client_secret: z.string(),
        refresh_token: z.string(),
        token: z.string().nullable(),
      }),
      secretFields: ['client_secret', 'refresh_token'],
      parseNative: (native: string) => {
        const parsed = JSON.parse(native) as Record<string, unknown>;
        if (parsed.type === 'service_account') throw new Error('a service account');
        return parsed;
      },
    },
    {
      name: 'default',
      description: 'machine',
      schema: z.object({ project_id: z.string().optional() }),
      secretFields: [],
    },
  ],
  scaffold,
});

/** Shaped like filesystem on az://: the selector narrows the union to the Azure variants. */
const bucket = defineDestination({
  type: 'bucket',
  description: 'test destination with a selected union',
  configSchema: z.object({ bucket_url: z.string() }),
  credentialsSchemas: [
    {
      name: 'aws',
      description: 'aws',
      schema: z.object({ aws_access_key_id: z.string(), aws_secret_access_key: z.string() }),
      secretFields: ['aws_secret_access_key'],
    },
    {
      name: 'azure_key',
      description: 'key',
      schema: z.object({
        azure_storage_account_name: z.string(),
        azure_storage_account_key: z.string().optional(),
        azure_storage_sas_token: z.string(),
      }),
      secretFields: ['azure_storage_account_key', 'azure_storage_sas_token'],
    },
    {
      name: 'azure_service_principal',
      description: 'principal',
      schema: z.object({
        azure_storage_account_name: z.string(),
        azure_tenant_id: z.string(),
        azure_client_id: z.string(),
        azure_client_secret: z.string(),
      }),
      secretFields: ['azure_client_secret'],
    },
  ],
  selectCredentials: (config) =>
    String(config.bucket_url ?? '').startsWith('az://') ? ['azure_key', 'azure_service_principal'] : ['aws'],
  scaffold,
});

const registry = createRegistry([definePlugin({ name: 'variant-tests', destinations: [cloud, bucket] })]);

describe('credentials unions: the first variant that resolves completely wins', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (files: Record<string, string>, env: Record<string, string> = {}) => {
    const fixture = workspaceTree(files);
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir, registry });
  };
  const CLOUD = '[destination.wh]\ndestination_type = "cloud"\n';

  it('complete OAuth fields beat a service account that only shares project_id', () => {
    const workspace = open({
      'ws/.dlt/config.toml': CLOUD,
      'ws/.dlt/secrets.toml':
        '[destination.wh.credentials]\nproject_id = "p"\nclient_id = "cid"\nclient_secret = "cs"\nrefresh_token = "rt"\n',
    });
    const resolved = workspace.resolveDestination('wh');
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(resolved.secretFields).toEqual(['client_secret', 'refresh_token']);
    expect(resolved.credentials.refresh_token).toMatchObject({
      value: 'rt',
      provider: 'secrets.toml',
      file: '.dlt/secrets.toml',
      line: 5,
    });
    // A nullable field is not required: OAuth is complete without a token.
    expect(resolved.credentials.token).toMatchObject({ found: false, provider: null });
  });

  it('a complete service account wins over later variants', () => {
    const workspace = open({
      'ws/.dlt/config.toml': CLOUD,
      'ws/.dlt/secrets.toml':
        '[destination.wh.credentials]\nproject_id = "p"\nprivate_key = "k"\nclient_email = "e@p"\nclient_id = "cid"\n',
    });
    expect(workspace.resolveDestination('wh').credentialsVariant).toBe('service_account');
  });

  it('with no complete variant, the first that found any field is kept (partial), else the first', () => {
    const partial = open(
      { 'ws/.dlt/config.toml': CLOUD },
      { DESTINATION__WH__CREDENTIALS__CLIENT_ID: 'cid', DESTINATION__WH__CREDENTIALS__CLIENT_SECRET: 'cs' },
    );
    const resolved = partial.resolveDestination('wh');
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(resolved.credentials.project_id).toMatchObject({ found: false });
    // Nothing found anywhere: a variant without required fields is not "complete" by default.
    expect(open({ 'ws/.dlt/config.toml': CLOUD }).resolveDestination('wh').credentialsVariant).toBe('service_account');
    // project_id alone completes only the variant that requires nothing else.
    expect(
      open({ 'ws/.dlt/config.toml': CLOUD }, { CREDENTIALS__PROJECT_ID: 'p' }).resolveDestination('wh')
        .credentialsVariant,
    ).toBe('default');
  });

  it('requireComplete reports the missing fields of the partial variant it settled on', () => {
    const workspace = open({ 'ws/.dlt/config.toml': CLOUD }, { DESTINATION__WH__CREDENTIALS__CLIENT_ID: 'cid' });
    expect(() => workspace.resolveDestination('wh', { requireComplete: true })).toThrow(
      /destination\.wh\.credentials\.project_id.*destination\.wh\.credentials\.client_secret/s,
    );
  });

  it('fields set by a native string count towards completeness', () => {
    const json = JSON.stringify({ project_id: 'p', client_id: 'cid', client_secret: 'cs', refresh_token: 'rt' });
    const workspace = open({ 'ws/.dlt/config.toml': CLOUD }, { DESTINATION__WH__CREDENTIALS: json });
    const resolved = workspace.resolveDestination('wh');
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(resolved.credentials.client_secret).toMatchObject({
      value: 'cs',
      provider: 'Environment Variables',
      matchedKey: 'destination.wh.credentials',
    });
  });

  it('selectCredentials narrows the union; a complete service principal beats a partial account key', () => {
    const workspace = open({
      'ws/.dlt/config.toml': '[destination.lake]\ndestination_type = "bucket"\nbucket_url = "az://container/path"\n',
      'ws/.dlt/secrets.toml':
        '[destination.lake.credentials]\nazure_storage_account_name = "acc"\nazure_tenant_id = "t"\nazure_client_id = "c"\nazure_client_secret = "s"\n',
    });
    const resolved = workspace.resolveDestination('lake');
    expect(resolved.credentialsVariant).toBe('azure_service_principal');
    expect(resolved.credentials.azure_client_secret).toMatchObject({ value: 's', provider: 'secrets.toml', line: 5 });
  });

  it('a secret of a later variant in config.toml is refused once an earlier one is incomplete (dlt resolves each in turn)', () => {
    const workspace = open({
      'ws/.dlt/config.toml':
        '[destination.lake]\ndestination_type = "bucket"\nbucket_url = "az://c"\n[destination.lake.credentials]\nazure_client_secret = "leak"\n',
      'ws/.dlt/secrets.toml': '[destination.lake.credentials]\nazure_storage_account_name = "acc"\n',
    });
    expect(() => workspace.resolveDestination('lake')).toThrow(
      /cannot hold secret values but key `destination\.lake\.credentials\.azure_client_secret`/,
    );
  });
});
