import { captureDlthubError, tomlTable, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.lake]\ndestination_type = "ducklake"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('ducklake resolution', () => {
  it('with nothing configured, the catalog and the storage take the defaults named after the lake', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__LAKE__CREDENTIALS__DUCKLAKE_NAME: 'sales' } })
      .resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentials['catalog.drivername']).toMatchObject({ value: 'sqlite', provider: 'default' });
    expect(resolved.credentials['catalog.database']).toMatchObject({ value: 'sales.sqlite', provider: 'default' });
    expect(resolved.credentials['storage.bucket_url']).toMatchObject({ value: 'sales.files', provider: 'default' });
  });

  it('resolves the catalog in its own section under the credentials, from a connection string', () => {
    ws().write('.dlt/secrets.toml', '[destination.lake.credentials]\ncatalog = "postgres://loader:pw@pg:5432/meta"\n');
    const resolved = ws().open().resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentials['catalog.host']).toMatchObject({
      value: 'pg',
      provider: 'secrets.toml',
      matchedKey: 'destination.lake.credentials.catalog',
    });
    expect(resolved.secretFields).toContain('catalog.password');
  });

  it('resolves s3 storage with its own credentials one section deeper, from TOML and env', () => {
    ws().write(
      '.dlt/config.toml',
      `${TYPE}[destination.lake.credentials.storage]\nbucket_url = "s3://lake-bucket/data"\n`,
    );
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.lake.credentials.storage.credentials', { aws_access_key_id: 'AKIA' }) +
        tomlTable('destination.lake.credentials.catalog', { drivername: 'duckdb', database: 'meta.duckdb' }),
    );
    const resolved = ws()
      .open({ env: { DESTINATION__LAKE__CREDENTIALS__STORAGE__CREDENTIALS__AWS_SECRET_ACCESS_KEY: 'sk' } })
      .resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentials['storage.bucket_url']).toMatchObject({
      value: 's3://lake-bucket/data',
      provider: 'config.toml',
    });
    expect(resolved.credentials['storage.credentials.aws_access_key_id']).toMatchObject({
      value: 'AKIA',
      matchedKey: 'destination.lake.credentials.storage.credentials.aws_access_key_id',
    });
    expect(resolved.credentials['storage.credentials.aws_secret_access_key']?.provider).toBe('Environment Variables');
    expect(resolved.secretFields).toEqual(expect.arrayContaining(['storage.credentials.aws_secret_access_key']));
  });

  it('refuses a storage secret in config.toml, naming the nested key and file', () => {
    ws().write('.dlt/secrets.toml', tomlTable('destination.lake.credentials', { ducklake_name: 'lake' }));
    ws().write(
      '.dlt/config.toml',
      `${TYPE}[destination.lake.credentials.storage]\nbucket_url = "s3://b"\n[destination.lake.credentials.storage.credentials]\naws_secret_access_key = "leaked"\n`,
    );
    const error = captureDlthubError(() => ws().open().resolveDestination('lake'));
    expect(error.code).toBe('ValueNotSecret');
    expect(error.keyPath).toBe('destination.lake.credentials.storage.credentials');
    expect(error.location?.file).toBe('.dlt/config.toml');
    expect(error.message).not.toContain('leaked');
  });

  it('names key and file for a bad override_data_path', () => {
    ws().write('.dlt/config.toml', `${TYPE}override_data_path = "yes please"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('lake'));
    expect(error.keyPath).toBe('destination.lake.override_data_path');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });

  it('falls back to the local <ducklake_name>.files storage when bucket_url is missing, other storage fields dropped', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.lake.credentials.storage]\nread_only = true\n`);
    ws().write('.dlt/secrets.toml', tomlTable('destination.lake.credentials', { ducklake_name: 'sales' }));
    const resolved = ws().open().resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentials['storage.bucket_url']).toMatchObject({ value: 'sales.files', provider: 'default' });
    expect(resolved.credentials['storage.read_only']).toMatchObject({ value: false, provider: 'default' });
  });

  it('keeps a partly configured catalog missing: only an unconfigured one falls back', () => {
    ws().write('.dlt/secrets.toml', tomlTable('destination.lake.credentials.catalog', { host: 'pg' }));
    const error = captureDlthubError(() => ws().open().resolveDestination('lake', { requireComplete: true }));
    expect(error).toMatchObject({
      code: 'ConfigFieldMissing',
      keyPath: 'destination.lake.credentials.catalog.drivername',
    });
  });

  it('reads the connection-string fields the credentials inherit, the password as a secret, stripped once complete', () => {
    ws().write(
      '.dlt/secrets.toml',
      `${tomlTable('destination.lake.credentials', { username: 'loader', password: '  pw  ' })}port = 5432\n`,
    );
    const resolved = ws().open().resolveDestination('lake', { requireComplete: true });
    expect(resolved.credentials.username).toMatchObject({ value: 'loader', file: '.dlt/secrets.toml' });
    expect(resolved.credentials.port).toMatchObject({ value: 5432, file: '.dlt/secrets.toml' });
    expect(resolved.credentials.password?.value).toBe('pw');
    expect(resolved.credentials.host).toMatchObject({ value: null, provider: 'default' });
    expect(resolved.secretFields).toContain('password');
    ws().write('.dlt/secrets.toml', tomlTable('destination.lake.credentials', { username: 'loader' }));
    ws().write('.dlt/config.toml', `${TYPE}[destination.lake.credentials]\npassword = "leaked"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('lake'));
    expect(error.code).toBe('ValueNotSecret');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });
});
