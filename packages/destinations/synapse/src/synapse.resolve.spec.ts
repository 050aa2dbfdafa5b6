import { captureDlthubError, tomlTable, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.synapse]\ndestination_type = "synapse"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('synapse resolution', () => {
  it("has dlt's synapse defaults: heap tables, concurrency guard, driver name synapse", () => {
    const resolved = ws().open().resolveDestination('synapse');
    expect(resolved.config.default_table_index_type).toMatchObject({ value: 'heap', provider: 'default' });
    expect(resolved.config.auto_disable_concurrency).toMatchObject({ value: true, provider: 'default' });
    expect(resolved.credentials.drivername).toMatchObject({ value: 'synapse', provider: 'default' });
  });

  it('reads table options from env and refuses an index type outside the literal', () => {
    const ok = ws()
      .open({
        env: {
          DESTINATION__SYNAPSE__DEFAULT_TABLE_INDEX_TYPE: 'clustered_columnstore_index',
          DESTINATION__SYNAPSE__STAGING_USE_MSI: 'true',
        },
      })
      .resolveDestination('synapse');
    expect(ok.config.staging_use_msi?.value).toBe(true);
    ws().write('.dlt/config.toml', `${TYPE}default_table_index_type = "btree"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('synapse'));
    expect(error.keyPath).toBe('destination.synapse.default_table_index_type');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });

  it('accepts only ODBC Driver 18 (its SUPPORTED_DRIVERS), once the credentials are complete', () => {
    const login = { database: 'dwh', username: 'u', password: 'pw', host: 'ws.sql.azuresynapse.net' };
    ws().write('.dlt/secrets.toml', tomlTable('destination.synapse.credentials', { ...login, driver: 'FreeTDS' }));
    const error = captureDlthubError(() => ws().open().resolveDestination('synapse'));
    expect(error.keyPath).toBe('destination.synapse.credentials.driver');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    // Driver 17 serves mssql but lacks the LongAsMax keyword synapse needs.
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.synapse.credentials', { ...login, driver: 'ODBC Driver 17 for SQL Server' }),
    );
    const older = captureDlthubError(() => ws().open().resolveDestination('synapse'));
    expect(older).toMatchObject({ code: 'InvalidConfigValue', keyPath: 'destination.synapse.credentials.driver' });
    expect(older.message).toContain('use ODBC Driver 18 for SQL Server');
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.synapse.credentials', { ...login, driver: 'ODBC Driver 18 for SQL Server' }),
    );
    expect(ws().open().resolveDestination('synapse').credentials.driver?.value).toBe('ODBC Driver 18 for SQL Server');
  });
});
