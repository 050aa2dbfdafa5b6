import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.warehouse]\ndestination_type = "redshift"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('redshift resolution', () => {
  it('resolves credentials from secrets.toml with port 5439 and the IAM role from config.toml', () => {
    ws().write('.dlt/config.toml', `${TYPE}staging_iam_role = "arn:aws:iam::1:role/load"\n`);
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.warehouse.credentials', { host: 'c', database: 'dwh', username: 'u', password: ' pw ' }),
    );
    const resolved = ws().open().resolveDestination('warehouse');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      host: 'c',
      port: 5439,
      password: 'pw',
      connect_timeout: 15,
    });
    expect(resolved.credentials.port?.provider).toBe('default');
    expect(resolved.config.staging_iam_role).toMatchObject({
      value: 'arn:aws:iam::1:role/load',
      provider: 'config.toml',
    });
  });

  it('takes a redshift:// connection string from env, a field from env overriding a default port', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__WAREHOUSE__CREDENTIALS: 'redshift://u:p@c.example.com:5439/dwh',
          DESTINATION__WAREHOUSE__CREDENTIALS__PORT: '5440',
        },
      })
      .resolveDestination('warehouse');
    expect(resolved.credentials.host?.matchedKey).toBe('destination.warehouse.credentials');
    expect(resolved.credentials.port).toMatchObject({
      value: 5440,
      matchedKey: 'destination.warehouse.credentials.port',
    });
  });

  it('names key and file for a port that is not a number', () => {
    ws().write('.dlt/secrets.toml', '[destination.warehouse.credentials]\nport = "x"\n');
    const error = captureDlthubError(() => ws().open().resolveDestination('warehouse'));
    expect(error).toMatchObject({
      code: 'ConfigValueCannotBeCoerced',
      keyPath: 'destination.warehouse.credentials.port',
    });
    expect(error.location).toMatchObject({ file: '.dlt/secrets.toml', line: 2 });
  });

  it('reads has_case_sensitive_identifiers (default false) from env', () => {
    expect(ws().open().resolveDestination('warehouse').config.has_case_sensitive_identifiers).toMatchObject({
      value: false,
      provider: 'default',
    });
    const resolved = ws()
      .open({ env: { DESTINATION__WAREHOUSE__HAS_CASE_SENSITIVE_IDENTIFIERS: 'true' } })
      .resolveDestination('warehouse');
    expect(resolved.config.has_case_sensitive_identifiers).toMatchObject({
      value: true,
      provider: 'Environment Variables',
    });
  });
});
