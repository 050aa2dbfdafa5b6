import { z } from 'zod';
import { workspaceTree } from './__fixtures__/tree';
import { createRegistry, defineDestination, definePlugin } from './registry';
import { openWorkspace } from './workspace';

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };

/** Shaped like dlt's GCP union: service account, then OAuth. */
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
    (typeof config.bucket_url === 'string' ? config.bucket_url : '').startsWith('az://')
      ? ['azure_key', 'azure_service_principal']
      : ['aws'],
  scaffold,
});

const registry = createRegistry([definePlugin({ name: 'variant-tests', destinations: [cloud, bucket] })]);

describe('credentials unions (dlt 1.26: partial → first member; complete → first complete member)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (files: Record<string, string>, env: Record<string, string> = {}) => {
    const fixture = workspaceTree(files);
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir, registry });
  };
  const CLOUD = '[destination.wh]\ndestination_type = "cloud"\n';
  const OAUTH_SECRETS =
    '[destination.wh.credentials]\nproject_id = "p"\nclient_id = "cid"\nclient_secret = "cs"\nrefresh_token = "rt"\n';

  it('with partial results the first member wins, even when only a later one is complete', () => {
    const resolved = open({ 'ws/.dlt/config.toml': CLOUD, 'ws/.dlt/secrets.toml': OAUTH_SECRETS }).resolveDestination(
      'wh',
    );
    expect(resolved.credentialsVariant).toBe('service_account');
    expect(resolved.secretFields).toEqual(['private_key']);
    expect(resolved.credentials.project_id).toMatchObject({ value: 'p', provider: 'secrets.toml', line: 2 });
    expect(resolved.credentials.private_key).toMatchObject({ value: null, provider: 'default', found: false });
    expect(resolved.credentials.client_id).toBeUndefined();
    // Nothing configured at all: still the first member.
    expect(open({ 'ws/.dlt/config.toml': CLOUD }).resolveDestination('wh').credentialsVariant).toBe('service_account');
  });

  it('when completeness is required, resolution moves on to the first complete member', () => {
    const resolved = open({ 'ws/.dlt/config.toml': CLOUD, 'ws/.dlt/secrets.toml': OAUTH_SECRETS }).resolveDestination(
      'wh',
      { requireComplete: true },
    );
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(resolved.credentials.refresh_token).toMatchObject({
      value: 'rt',
      provider: 'secrets.toml',
      file: '.dlt/secrets.toml',
      line: 5,
    });
    // A nullable field is not required: OAuth is complete without a token.
    expect(resolved.credentials.token).toMatchObject({ found: false, provider: 'default', value: null });
  });

  it('requireComplete with no complete member reports the missing fields of the first', () => {
    const workspace = open({ 'ws/.dlt/config.toml': CLOUD }, { DESTINATION__WH__CREDENTIALS__CLIENT_ID: 'cid' });
    expect(() => workspace.resolveDestination('wh', { requireComplete: true })).toThrow(
      /destination\.wh\.credentials\.project_id.*destination\.wh\.credentials\.private_key/s,
    );
  });

  it('a native value that does not parse for the first member goes to the next one', () => {
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

  it('selectCredentials narrows the union; of the narrowed union the first member wins when partial', () => {
    const workspace = open({
      'ws/.dlt/config.toml': '[destination.lake]\ndestination_type = "bucket"\nbucket_url = "az://container/path"\n',
      'ws/.dlt/secrets.toml':
        '[destination.lake.credentials]\nazure_storage_account_name = "acc"\nazure_tenant_id = "t"\nazure_client_id = "c"\nazure_client_secret = "s"\n',
    });
    expect(workspace.resolveDestination('lake').credentialsVariant).toBe('azure_key');
    const complete = workspace.resolveDestination('lake', { requireComplete: true });
    expect(complete.credentialsVariant).toBe('azure_service_principal');
    expect(complete.credentials.azure_client_secret).toMatchObject({ value: 's', provider: 'secrets.toml', line: 5 });
  });

  it('requiring completeness, a secret of a later member in config.toml is refused once an earlier one is incomplete', () => {
    const workspace = open({
      'ws/.dlt/config.toml':
        '[destination.lake]\ndestination_type = "bucket"\nbucket_url = "az://c"\n[destination.lake.credentials.x]\n',
      'ws/.dlt/secrets.toml':
        '[destination.lake.credentials]\nazure_storage_account_name = "acc"\n[destination.credentials]\nazure_client_secret_unused = 1\n',
      'ws/.dlt/dev.config.toml': '[credentials]\nazure_client_secret = "leak"\n',
    });
    expect(workspace.resolveDestination('lake').credentialsVariant).toBe('azure_key');
    expect(() => workspace.resolveDestination('lake', { requireComplete: true })).toThrow(
      /cannot hold secret values but key `credentials\.azure_client_secret`/,
    );
  });
});
