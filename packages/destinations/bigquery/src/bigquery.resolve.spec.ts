import { captureDlthubError, tomlTable, valuesOf } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { bigqueryDestination, plugin } from './index';

const TYPE = '[destination.bq]\ndestination_type = "bigquery"\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('bigquery resolution', () => {
  it('resolves a service account from secrets.toml and location from config.toml, appending the key newline', () => {
    ws().write('.dlt/config.toml', `${TYPE}location = "EU"\n`);
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.bq.credentials', {
        project_id: 'acme-data',
        client_email: 'loader@acme-data.iam.gserviceaccount.com',
        private_key: KEY,
      }),
    );
    const resolved = ws().open().resolveDestination('bq');
    expect(resolved.credentialsVariant).toBe('service_account');
    expect(resolved.credentials.private_key?.value).toBe(`${KEY}\n`);
    expect(resolved.config.location).toMatchObject({
      value: 'EU',
      provider: 'config.toml',
      matchedKey: 'destination.bq.location',
    });
    expect(resolved.config.http_timeout).toMatchObject({ value: 15, provider: 'default' });
  });

  it('takes the service-account JSON from env as the whole credentials', () => {
    const json = JSON.stringify({
      type: 'service_account',
      project_id: 'p',
      client_email: 'e@p.iam.gserviceaccount.com',
      private_key: KEY,
      private_key_id: 'k1',
    });
    const resolved = ws()
      .open({ env: { DESTINATION__BQ__CREDENTIALS: json } })
      .resolveDestination('bq');
    expect(resolved.credentialsVariant).toBe('service_account');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      project_id: 'p',
      private_key: `${KEY}\n`,
      private_key_id: 'k1',
    });
    expect(resolved.credentials.project_id?.matchedKey).toBe('destination.bq.credentials');
  });

  it('resolves OAuth credentials field by field from env (completeness required, so the union moves on)', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__BQ__CREDENTIALS__PROJECT_ID: 'acme-data',
          DESTINATION__BQ__CREDENTIALS__CLIENT_ID: 'cid.apps.googleusercontent.com',
          DESTINATION__BQ__CREDENTIALS__CLIENT_SECRET: 'cs',
          DESTINATION__BQ__CREDENTIALS__REFRESH_TOKEN: 'rt',
          DESTINATION__BQ__CREDENTIALS__SCOPES: '["https://www.googleapis.com/auth/bigquery"]',
        },
      })
      .resolveDestination('bq', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('oauth');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      client_secret: 'cs',
      scopes: ['https://www.googleapis.com/auth/bigquery'],
    });
    expect(resolved.secretFields).toEqual(['client_secret', 'refresh_token', 'token']);
  });

  it('leaves credentials partial when none are configured (dlt then uses the machine default credentials)', () => {
    ws().write('.dlt/config.toml', `${TYPE}project_id = "acme-data"\n`);
    const resolved = ws().open().resolveDestination('bq');
    expect(resolved.config.project_id).toMatchObject({ value: 'acme-data', provider: 'config.toml' });
    expect(resolved.credentials.private_key?.found).toBe(false);
    expect(resolved.credentials.client_email?.found).toBe(false);
  });

  it('rejects text that is not a JSON key, without echoing it', () => {
    ws().write('.dlt/secrets.toml', `[destination.bq]\ncredentials = ${JSON.stringify(`${KEY} hunter2-material`)}\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('bq'));
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe('destination.bq.credentials');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-material');
  });

  it('names key and file for a timeout that is not a number', () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__BQ__HTTP_TIMEOUT: 'soon' } })
        .resolveDestination('bq'),
    );
    expect(error.keyPath).toBe('destination.bq.http_timeout');
    expect(error.provider).toBe('Environment Variables');
  });

  itRefusesSecretsInConfig({
    workspace: ws,
    name: 'bq',
    configToml: TYPE,
    variants: bigqueryDestination.credentialsSchemas,
  });
});
