import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.lake]\ndestination_type = "athena"\nquery_result_bucket = "s3://results"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('athena resolution', () => {
  it('resolves AWS keys from secrets.toml and the work group from env, with the default data catalog', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.lake.credentials', { aws_access_key_id: 'AKIA', aws_secret_access_key: 'sk' }),
    );
    const resolved = ws()
      .open({
        env: { DESTINATION__LAKE__ATHENA_WORK_GROUP: 'etl', DESTINATION__LAKE__CREDENTIALS__REGION_NAME: 'eu-west-1' },
      })
      .resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('aws');
    expect(valuesOf(resolved.credentials)).toMatchObject({ aws_access_key_id: 'AKIA', region_name: 'eu-west-1' });
    expect(resolved.config.aws_data_catalog).toMatchObject({ value: 'awsdatacatalog', provider: 'default' });
    expect(resolved.config.athena_work_group).toMatchObject({ value: 'etl', provider: 'Environment Variables' });
    expect(resolved.config.query_result_bucket).toMatchObject({
      value: 's3://results',
      file: '.dlt/config.toml',
      line: 3,
    });
  });

  it('finds AWS keys in the generic [credentials] section too', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('credentials', { aws_access_key_id: 'AKIA', aws_secret_access_key: 'sk' }),
    );
    expect(ws().open().resolveDestination('lake').credentials.aws_access_key_id?.matchedKey).toBe(
      'credentials.aws_access_key_id',
    );
  });

  it('reports a missing query_result_bucket when completeness is required', () => {
    ws().write('.dlt/config.toml', '[destination.lake]\ndestination_type = "athena"\n');
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.lake.credentials', { aws_access_key_id: 'A', aws_secret_access_key: 's' }),
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('lake', { requireComplete: true }));
    expect(error.keyPath).toBe('destination.lake.query_result_bucket');
  });

  it('names key and file for force_iceberg that is not a boolean', () => {
    ws().write('.dlt/config.toml', `${TYPE}force_iceberg = "maybe"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('lake'));
    expect(error.keyPath).toBe('destination.lake.force_iceberg');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 4 });
  });

  it("has dlt's table layout and information-schema threshold, and reads table properties from config.toml", () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.lake.table_properties]\nformat = "PARQUET"\n`);
    const resolved = ws().open().resolveDestination('lake');
    expect(resolved.config.table_location_layout).toMatchObject({
      value: '{dataset_name}/{table_name}',
      provider: 'default',
    });
    expect(resolved.config.info_tables_query_threshold).toMatchObject({ value: 90, provider: 'default' });
    expect(resolved.config.table_properties?.value).toEqual({ format: 'PARQUET' });
  });
});
