import { captureDlthubError, tomlTable, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.dremio]\ndestination_type = "dremio"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': `${TYPE}staging_data_source = "s3_lake"\n` });

describe('dremio resolution', () => {
  it('resolves a grpc:// string from secrets.toml with the default port 32010', () => {
    ws().write('.dlt/secrets.toml', '[destination.dremio]\ncredentials = "grpc://u:p@dremio/lake"\n');
    const resolved = ws().open().resolveDestination('dremio', { requireComplete: true });
    expect(resolved.credentials.port).toMatchObject({ value: 32010, provider: 'default' });
    expect(resolved.credentials.database).toMatchObject({ value: 'lake', file: '.dlt/secrets.toml' });
    expect(resolved.config.staging_data_source).toMatchObject({ value: 's3_lake', file: '.dlt/config.toml', line: 3 });
  });

  it('requires the staging data source and the password once completeness is required', () => {
    ws().write('.dlt/config.toml', TYPE);
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.dremio.credentials', { username: 'u', host: 'h', database: 'd' }),
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('dremio', { requireComplete: true }));
    expect(error.code).toBe('ConfigFieldMissing');
    expect(error.message).toContain('destination.dremio.credentials.password');
    ws().write('.dlt/secrets.toml', '[destination.dremio]\ncredentials = "grpc://u:p@dremio/lake"\n');
    const noSource = captureDlthubError(() => ws().open().resolveDestination('dremio', { requireComplete: true }));
    expect(noSource.keyPath).toBe('destination.dremio.staging_data_source');
  });

  it('reads the staging data source from env', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__DREMIO__STAGING_DATA_SOURCE: 'gcs_lake' } })
      .resolveDestination('dremio');
    expect(resolved.config.staging_data_source).toMatchObject({ value: 'gcs_lake', provider: 'Environment Variables' });
  });

  it('names key and file of a port that is not a number', () => {
    ws().write('.dlt/secrets.toml', tomlTable('destination.dremio.credentials', { port: 'flight' }));
    const error = captureDlthubError(() => ws().open().resolveDestination('dremio'));
    expect(error.keyPath).toBe('destination.dremio.credentials.port');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
  });
});
