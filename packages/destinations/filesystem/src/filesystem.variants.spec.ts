import { createRegistry } from '@dlthub/config-core';
import { createTempWorkspace, tomlTable, valuesOf, type TempWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const registry = createRegistry([plugin]);
const typed = (bucketUrl: string) =>
  `[destination.bucket]\ndestination_type = "filesystem"\nbucket_url = ${JSON.stringify(bucketUrl)}\n`;
let ws: TempWorkspace;
beforeEach(() => {
  ws = createTempWorkspace(registry);
});
afterEach(() => ws.remove());

describe('filesystem credentials union per scheme', () => {
  it('az:// with a complete service principal selects it over the partial account-key variant', () => {
    ws.write('.dlt/config.toml', typed('az://container/path'));
    ws.write(
      '.dlt/secrets.toml',
      tomlTable('destination.bucket.credentials', {
        azure_storage_account_name: 'acc',
        azure_tenant_id: 'tenant',
        azure_client_id: 'client',
        azure_client_secret: 'secret',
      }),
    );
    const resolved = ws.open().resolveDestination('bucket', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('azure_service_principal');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      azure_storage_account_name: 'acc',
      azure_tenant_id: 'tenant',
      azure_client_id: 'client',
      azure_client_secret: 'secret',
    });
    expect(resolved.secretFields).toEqual(['azure_client_secret']);
  });

  it('gs:// with OAuth fields selects gcp_oauth', () => {
    ws.write('.dlt/config.toml', typed('gs://acme-raw'));
    ws.write(
      '.dlt/secrets.toml',
      tomlTable('destination.bucket.credentials', {
        project_id: 'p',
        client_id: 'cid',
        client_secret: 'cs',
        refresh_token: 'rt',
      }),
    );
    const resolved = ws.open().resolveDestination('bucket', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('gcp_oauth');
    expect(resolved.credentials.refresh_token).toMatchObject({
      value: 'rt',
      provider: 'secrets.toml',
      file: '.dlt/secrets.toml',
      line: 5,
    });
  });
});
