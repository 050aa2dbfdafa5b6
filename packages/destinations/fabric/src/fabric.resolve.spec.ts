import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.fabric]\ndestination_type = "fabric"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('fabric resolution', () => {
  it('resolves a service principal from secrets.toml with the default collation', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.fabric.credentials', {
        host: 'abc.datawarehouse.fabric.microsoft.com',
        database: 'dwh',
        azure_tenant_id: 't',
        azure_client_id: 'c',
        azure_client_secret: 's',
      }),
    );
    const resolved = ws().open().resolveDestination('fabric', { requireComplete: true });
    expect(valuesOf(resolved.credentials)).toMatchObject({
      port: 1433,
      connect_timeout: 15,
      drivername: 'mssql+pyodbc',
    });
    expect(resolved.config.collation).toMatchObject({ value: 'Latin1_General_100_BIN2_UTF8', provider: 'default' });
  });

  it('accepts an access token from env instead of the principal', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__FABRIC__CREDENTIALS__HOST: 'h',
          DESTINATION__FABRIC__CREDENTIALS__DATABASE: 'd',
          DESTINATION__FABRIC__CREDENTIALS__ACCESS_TOKEN: 'tok',
        },
      })
      .resolveDestination('fabric', { requireComplete: true });
    expect(resolved.credentials.access_token?.provider).toBe('Environment Variables');
  });

  it('names key and file for a port that is not a number', () => {
    ws().write('.dlt/secrets.toml', '[destination.fabric.credentials]\nport = "high"\n');
    const error = captureDlthubError(() => ws().open().resolveDestination('fabric'));
    expect(error.keyPath).toBe('destination.fabric.credentials.port');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
  });

  // FabricCredentials derives from AzureServicePrincipalCredentials, not from the mssql connection-string
  // credentials: its only native form is an azure-identity credential object
  // (azure_credentials.py `_AzureExternalSession.parse_native_representation`), so a string is read only
  // as a JSON object (resolve.py's fallback for configurations given as strings).
  it('refuses an mssql connection string as credentials, naming key and file without the secret', () => {
    ws().write(
      '.dlt/secrets.toml',
      '[destination.fabric]\ncredentials = "mssql://loader:s3cr3tpass@abc.datawarehouse.fabric.microsoft.com:1433/dwh"\n',
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('fabric'));
    expect(error).toMatchObject({ code: 'ConfigValueCannotBeCoerced', keyPath: 'destination.fabric.credentials' });
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('s3cr3tpass');
  });

  it('reads credentials given as one JSON object from env field by field', () => {
    const credentials = JSON.stringify({ host: 'h.fabric', database: 'dwh', access_token: 'tok' });
    const resolved = ws()
      .open({ env: { DESTINATION__FABRIC__CREDENTIALS: credentials } })
      .resolveDestination('fabric', { requireComplete: true });
    expect(valuesOf(resolved.credentials)).toMatchObject({ host: 'h.fabric', database: 'dwh', port: 1433 });
    expect(resolved.credentials.host).toMatchObject({
      provider: 'Environment Variables',
      matchedKey: 'destination.fabric.credentials',
    });
  });
});
