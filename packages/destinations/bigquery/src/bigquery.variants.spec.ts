import { createRegistry } from '@dlthub/config-core';
import { createTempWorkspace, tomlTable, valuesOf, type TempWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const registry = createRegistry([plugin]);
let ws: TempWorkspace;
beforeEach(() => {
  ws = createTempWorkspace(registry, { '.dlt/config.toml': '[destination.bq]\ndestination_type = "bigquery"\n' });
});
afterEach(() => ws.remove());

describe('bigquery credentials union', () => {
  it('complete OAuth fields select oauth, not the service account that shares project_id', () => {
    ws.write(
      '.dlt/secrets.toml',
      tomlTable('destination.bq.credentials', {
        project_id: 'acme-data',
        client_id: 'cid.apps.googleusercontent.com',
        client_secret: 'cs',
        refresh_token: 'rt',
      }),
    );
    const resolved = ws.open().resolveDestination('bq', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      project_id: 'acme-data',
      client_id: 'cid.apps.googleusercontent.com',
      client_secret: 'cs',
      refresh_token: 'rt',
    });
    expect(resolved.credentials.refresh_token).toMatchObject({
      provider: 'secrets.toml',
      file: '.dlt/secrets.toml',
      line: 5,
    });
  });

  it('with partial results the service account wins even over complete OAuth fields (its fields stay default)', () => {
    const resolved = ws
      .open({
        env: {
          DESTINATION__BQ__CREDENTIALS__PROJECT_ID: 'acme-data',
          DESTINATION__BQ__CREDENTIALS__CLIENT_ID: 'cid',
          DESTINATION__BQ__CREDENTIALS__CLIENT_SECRET: 'cs',
          DESTINATION__BQ__CREDENTIALS__REFRESH_TOKEN: 'rt',
        },
      })
      .resolveDestination('bq');
    expect(resolved.credentialsVariant).toBe('service_account');
    expect(resolved.credentials.project_id).toMatchObject({ value: 'acme-data', provider: 'Environment Variables' });
    expect(resolved.credentials.private_key).toMatchObject({ value: null, provider: 'default' });
  });

  it('complete OAuth fields from env select oauth when completeness is required', () => {
    const resolved = ws
      .open({
        env: {
          DESTINATION__BQ__CREDENTIALS__PROJECT_ID: 'acme-data',
          DESTINATION__BQ__CREDENTIALS__CLIENT_ID: 'cid',
          DESTINATION__BQ__CREDENTIALS__CLIENT_SECRET: 'cs',
          DESTINATION__BQ__CREDENTIALS__REFRESH_TOKEN: 'rt',
        },
      })
      .resolveDestination('bq', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(resolved.credentials.client_secret).toMatchObject({
      value: 'cs',
      provider: 'Environment Variables',
      matchedKey: 'destination.bq.credentials.client_secret',
    });
  });
});
