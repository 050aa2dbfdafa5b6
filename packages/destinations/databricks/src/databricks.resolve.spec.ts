import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.lakehouse]\ndestination_type = "databricks"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('databricks resolution', () => {
  it('resolves a token login from secrets.toml with defaults for the timeout and user agent', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.lakehouse.credentials', {
        catalog: 'main',
        server_hostname: 'adb-1.azuredatabricks.net',
        http_path: '/sql/1.0/warehouses/abc',
        access_token: 'dapi',
      }),
    );
    const resolved = ws().open().resolveDestination('lakehouse', { requireComplete: true });
    expect(valuesOf(resolved.credentials)).toMatchObject({
      catalog: 'main',
      socket_timeout: 180,
      user_agent_entry: 'dltHub_dlt',
    });
    expect(resolved.credentials.socket_timeout?.provider).toBe('default');
    expect(resolved.config.keep_staged_files).toMatchObject({ value: true, provider: 'default' });
  });

  it('reads tables from env as JSON and a staging volume from config.toml', () => {
    ws().write('.dlt/config.toml', `${TYPE}staging_volume_name = "main.raw.stage"\n`);
    const resolved = ws()
      .open({
        env: {
          DESTINATION__LAKEHOUSE__CREDENTIALS__CATALOG: 'main',
          DESTINATION__LAKEHOUSE__CREDENTIALS__SESSION_CONFIGURATION: '{"ansi_mode": true}',
        },
      })
      .resolveDestination('lakehouse');
    expect(resolved.credentials.session_configuration?.value).toEqual({ ansi_mode: true });
    expect(resolved.config.staging_volume_name).toMatchObject({ value: 'main.raw.stage', provider: 'config.toml' });
  });

  it('reports a missing catalog with every key tried', () => {
    const error = captureDlthubError(() => ws().open().resolveDestination('lakehouse', { requireComplete: true }));
    expect(error.code).toBe('ConfigFieldMissing');
    expect(error.keyPath).toBe('destination.lakehouse.credentials.catalog');
    expect(error.message).toContain('DESTINATION__LAKEHOUSE__CREDENTIALS__CATALOG');
  });

  it('refuses a connection string for the credentials (dlt has no native form for them), keeping the token out', () => {
    ws().write(
      '.dlt/secrets.toml',
      '[destination.lakehouse]\ncredentials = "databricks://token:dapi0123456789abcdef@adb-1.azuredatabricks.net?catalog=main"\n',
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('lakehouse'));
    expect(error).toMatchObject({ code: 'ConfigValueCannotBeCoerced', keyPath: 'destination.lakehouse.credentials' });
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('dapi0123456789');
  });
});
