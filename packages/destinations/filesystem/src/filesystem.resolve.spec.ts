import { captureDlthubError, tomlTable, valuesOf, variantsFor } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { filesystemDestination, plugin } from './index';

const typed = (bucketUrl: string) =>
  `[destination.bucket]\ndestination_type = "filesystem"\nbucket_url = ${JSON.stringify(bucketUrl)}\n`;
const ws = useDestinationWorkspace(plugin);

describe('filesystem resolution', () => {
  it('resolves AWS keys from secrets.toml and the region from env for s3://', () => {
    ws().write('.dlt/config.toml', typed('s3://acme-raw/landing'));
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.bucket.credentials', {
        aws_access_key_id: 'AKIAEXAMPLE',
        aws_secret_access_key: 's3cr3t',
      }),
    );
    const resolved = ws()
      .open({ env: { DESTINATION__BUCKET__CREDENTIALS__REGION_NAME: 'eu-west-1' } })
      .resolveDestination('bucket');
    expect(resolved.credentialsVariant).toBe('aws');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      aws_access_key_id: 'AKIAEXAMPLE',
      aws_secret_access_key: 's3cr3t',
      region_name: 'eu-west-1',
    });
    expect(resolved.config.bucket_url).toMatchObject({ value: 's3://acme-raw/landing', provider: 'config.toml' });
    expect(resolved.secretFields).toEqual(['aws_secret_access_key', 'aws_session_token']);
  });

  it('resolves AWS keys field by field from env, with kwargs as JSON tables', () => {
    ws().write('.dlt/config.toml', typed('s3://acme-raw'));
    const resolved = ws()
      .open({
        env: {
          DESTINATION__BUCKET__CREDENTIALS__AWS_ACCESS_KEY_ID: 'AKIA2',
          DESTINATION__BUCKET__CREDENTIALS__AWS_SECRET_ACCESS_KEY: 'sk',
          DESTINATION__BUCKET__KWARGS: '{"use_ssl": true}',
          DESTINATION__BUCKET__CLIENT_KWARGS: '{"verify": "public.crt"}',
        },
      })
      .resolveDestination('bucket');
    expect(valuesOf(resolved.credentials)).toMatchObject({ aws_access_key_id: 'AKIA2', aws_secret_access_key: 'sk' });
    expect(valuesOf(resolved.config)).toMatchObject({
      kwargs: { use_ssl: true },
      client_kwargs: { verify: 'public.crt' },
    });
  });

  it('resolves a GCP service-account JSON from env for gs://', () => {
    ws().write('.dlt/config.toml', typed('gs://acme-raw'));
    const json = JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'e@p', private_key: 'KEY' });
    const resolved = ws()
      .open({ env: { DESTINATION__BUCKET__CREDENTIALS: json } })
      .resolveDestination('bucket');
    expect(resolved.credentialsVariant).toBe('gcp_service_account');
    expect(resolved.credentials.private_key?.value).toBe('KEY\n');
  });

  it("resolves an Azure account key for az://, with dlt's default SAS permissions", () => {
    ws().write('.dlt/config.toml', typed('az://container/path'));
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.bucket.credentials', {
        azure_storage_account_name: 'acc',
        azure_storage_account_key: 'k',
      }),
    );
    const resolved = ws().open().resolveDestination('bucket');
    expect(resolved.credentialsVariant).toBe('azure_key');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      azure_storage_account_name: 'acc',
      azure_storage_account_key: 'k',
    });
    expect(resolved.credentials.azure_sas_token_permissions).toMatchObject({ value: 'racwdl', provider: 'default' });
  });

  it.each(['file:///var/data', '_storage'])('needs no credentials for %s', (bucketUrl) => {
    ws().write('.dlt/config.toml', typed(bucketUrl));
    const resolved = ws().open().resolveDestination('bucket');
    expect(resolved.credentialsVariant).toBeNull();
    expect(resolved.credentials).toEqual({});
  });

  it('rejects an unknown scheme naming the key, file and line', () => {
    ws().write('.dlt/config.toml', typed('ftp://files.example.com/x'));
    const error = captureDlthubError(() => ws().open().resolveDestination('bucket'));
    expect(error.code).toBe('InvalidConfigValue');
    expect(error.keyPath).toBe('destination.bucket.bucket_url');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
    expect(error.message).toContain('s3://');
  });

  it('names key and file for kwargs that are not a table', () => {
    ws().write('.dlt/config.toml', `${typed('s3://b')}kwargs = "use_ssl"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('bucket'));
    expect(error.keyPath).toBe('destination.bucket.kwargs');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 4 });
  });

  describe.each(['s3://b', 'gs://b', 'az://b', 'sftp://host/dir'])('secrets for %s', (bucketUrl) => {
    itRefusesSecretsInConfig({
      workspace: ws,
      name: 'bucket',
      configToml: typed(bucketUrl),
      variants: variantsFor(filesystemDestination, { bucket_url: bucketUrl }),
    });
  });
});
