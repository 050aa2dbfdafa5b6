import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.sqlserver]\ndestination_type = "mssql"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('mssql resolution', () => {
  it('resolves complete credentials, lower-casing the database (dlt on_resolved)', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.sqlserver.credentials', { database: 'DWH', username: 'sa', password: 'pw', host: 'h' }),
    );
    const resolved = ws().open().resolveDestination('sqlserver');
    expect(valuesOf(resolved.credentials)).toMatchObject({ database: 'dwh', port: 1433, connect_timeout: 30 });
    expect(resolved.config.has_case_sensitive_identifiers).toMatchObject({ value: false, provider: 'default' });
  });

  it('keeps the database as written while the credentials are partial', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__SQLSERVER__CREDENTIALS__DATABASE: 'DWH' } })
      .resolveDestination('sqlserver');
    expect(resolved.credentials.database).toMatchObject({ value: 'DWH', provider: 'Environment Variables' });
  });

  it('takes the ODBC driver from the connection string query', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__SQLSERVER__CREDENTIALS: 'mssql://sa:pw@h/db?driver=ODBC+Driver+17+for+SQL+Server' } })
      .resolveDestination('sqlserver');
    expect(resolved.credentials.driver?.value).toBe('ODBC Driver 17 for SQL Server');
  });

  it('refuses an unsupported ODBC driver once the credentials are complete, naming key and file', () => {
    const login = { database: 'dwh', username: 'sa', password: 'pw', host: 'h' };
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.sqlserver.credentials', { ...login, driver: 'SQL Server Native Client 11.0' }),
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('sqlserver'));
    expect(error.code).toBe('InvalidConfigValue');
    expect(error.keyPath).toBe('destination.sqlserver.credentials.driver');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(error.message).toContain('ODBC Driver 18 for SQL Server');
  });

  it('leaves an unsupported driver alone while the credentials are partial (dlt checks it in on_resolved)', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__SQLSERVER__CREDENTIALS__DRIVER: 'FreeTDS' } })
      .resolveDestination('sqlserver');
    expect(resolved.credentials.driver).toMatchObject({ value: 'FreeTDS', provider: 'Environment Variables' });
  });

  it('names key and file for a bad create_indexes value', () => {
    ws().write('.dlt/config.toml', `${TYPE}create_indexes = "sometimes"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('sqlserver'));
    expect(error.keyPath).toBe('destination.sqlserver.create_indexes');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });
});
