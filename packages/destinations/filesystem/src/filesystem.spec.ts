import { createRegistry, DlthubError } from '@dlthub/config-core';
import { filesystemDestination, plugin, selectFilesystemCredentials } from './index';

const variant = (name: string) => filesystemDestination.credentialsSchemas.find((v) => v.name === name)!;

describe('filesystem destination', () => {
  it('registers the filesystem type', () => {
    expect(createRegistry([plugin]).getDestination('filesystem')).toBe(filesystemDestination);
  });

  it.each([
    ['s3://acme-raw/landing', ['aws']],
    ['gs://bucket', ['gcp_service_account', 'gcp_oauth']],
    ['gcs://bucket', ['gcp_service_account', 'gcp_oauth']],
    ['az://container', ['azure_key', 'azure_service_principal']],
    ['abfss://c@acc.dfs.core.windows.net/p', ['azure_key', 'azure_service_principal']],
    ['sftp://host/path', ['sftp']],
    ['file:///tmp/data', []],
    ['_storage', []],
    ['/var/data', []],
  ])('picks credentials for %s', (bucketUrl, variants) => {
    expect(selectFilesystemCredentials({ bucket_url: bucketUrl })).toEqual(variants);
  });

  it('needs no credentials before bucket_url is known', () => {
    expect(selectFilesystemCredentials({})).toEqual([]);
  });

  it('rejects an unknown scheme naming the key and the supported schemes', () => {
    let error: unknown;
    try {
      selectFilesystemCredentials({ bucket_url: 'ftp://host/x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect((error as DlthubError).keyPath).toBe('bucket_url');
    expect((error as DlthubError).message).toContain('ftp://');
    expect((error as DlthubError).hint).toContain('s3://');
  });

  it('every selectable variant exists', () => {
    const names = new Set(filesystemDestination.credentialsSchemas.map((v) => v.name));
    for (const url of ['s3://b', 'gs://b', 'az://b', 'sftp://h']) {
      for (const name of selectFilesystemCredentials({ bucket_url: url })) expect(names.has(name)).toBe(true);
    }
  });

  it("has dlt's AWS and Azure fields, secrets and defaults", () => {
    expect(variant('aws').secretFields).toEqual(['aws_secret_access_key', 'aws_session_token']);
    expect(
      variant('azure_key').schema.parse({ azure_storage_account_name: 'acc', azure_storage_sas_token: 'sas' }),
    ).toMatchObject({
      azure_sas_token_permissions: 'racwdl',
    });
    expect(variant('azure_service_principal').secretFields).toEqual(['azure_client_secret']);
    expect(variant('gcp_service_account').secretFields).toEqual(['private_key']);
  });

  it('types kwargs and client_kwargs as tables', () => {
    const config = filesystemDestination.configSchema;
    expect(
      config.safeParse({ bucket_url: 's3://b', kwargs: { use_ssl: true }, client_kwargs: { verify: false } }).success,
    ).toBe(true);
    expect(config.safeParse({ bucket_url: 's3://b', kwargs: 'use_ssl' }).success).toBe(false);
    expect(config.parse({ bucket_url: 'x' }).layout).toBe('{table_name}/{load_id}.{file_id}.{ext}');
  });

  it("has the fields of dlt's FilesystemDestinationClientConfiguration, staging and DWH fields included", () => {
    expect(Object.keys(filesystemDestination.configSchema.shape)).toEqual(
      expect.arrayContaining([
        'bucket_url',
        'replace_strategy',
        'staging_dataset_name_layout',
        'enable_dataset_name_normalization',
        'info_tables_query_threshold',
        'as_staging_destination',
        'layout',
        'config_kwargs',
        'current_datetime',
        'deltalake_configuration',
        'deltalake_streamed_exec',
        'iceberg_table_properties',
        'iceberg_namespace_properties',
        'dataset_name',
        'default_schema_name',
      ]),
    );
    const defaults = filesystemDestination.configSchema.parse({ bucket_url: 'file:///x' });
    expect(defaults).toMatchObject({
      staging_dataset_name_layout: '%s_staging',
      enable_dataset_name_normalization: true,
      info_tables_query_threshold: 1000,
      as_staging_destination: false,
      deltalake_streamed_exec: true,
    });
    expect(defaults.replace_strategy).toBeUndefined();
    expect(filesystemDestination.configSchema.safeParse({ bucket_url: 'x', replace_strategy: 'nope' }).success).toBe(
      false,
    );
  });
});
