import { captureDlthubError, tomlTable, valuesOf } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin, snowflakeDestination } from './index';

const TYPE = '[destination.snow]\ndestination_type = "snowflake"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('snowflake resolution', () => {
  it('resolves a password login from secrets.toml with the password from env', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.snow.credentials', {
        database: 'RAW',
        username: 'LOADER',
        password: 'toml-pw',
        host: 'xy12345.eu-central-1',
        warehouse: 'COMPUTE_WH',
        role: 'DLT_ROLE',
      }),
    );
    const resolved = ws()
      .open({ env: { DESTINATION__SNOW__CREDENTIALS__PASSWORD: 'env-pw' } })
      .resolveDestination('snow');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      host: 'xy12345.eu-central-1',
      password: 'env-pw',
      warehouse: 'COMPUTE_WH',
      application: 'dltHub_dlt',
    });
    expect(resolved.credentials.password?.provider).toBe('Environment Variables');
  });

  it('resolves a key-pair login field by field from env', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__SNOW__CREDENTIALS__HOST: 'acc',
          DESTINATION__SNOW__CREDENTIALS__DATABASE: 'RAW',
          DESTINATION__SNOW__CREDENTIALS__USERNAME: 'LOADER',
          DESTINATION__SNOW__CREDENTIALS__PRIVATE_KEY_PATH: 'keys/rsa_key.p8',
          DESTINATION__SNOW__CREDENTIALS__PRIVATE_KEY_PASSPHRASE: 'pp',
        },
      })
      .resolveDestination('snow');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      private_key_path: 'keys/rsa_key.p8',
      private_key_passphrase: 'pp',
    });
    expect(resolved.credentials.password?.found).toBe(false);
  });

  it('takes a snowflake:// string from env as the whole credentials', () => {
    const resolved = ws()
      .open({
        env: { DESTINATION__SNOW__CREDENTIALS: 'snowflake://LOADER:pw@acc-1/REPORTS?warehouse=WH&role=R' },
      })
      .resolveDestination('snow');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      username: 'LOADER',
      password: 'pw',
      host: 'acc-1',
      database: 'REPORTS',
      warehouse: 'WH',
      role: 'R',
    });
    expect(resolved.credentials.warehouse?.matchedKey).toBe('destination.snow.credentials');
  });

  it('rejects a malformed snowflake string naming key and file, not the password', () => {
    ws().write('.dlt/secrets.toml', '[destination.snow]\ncredentials = "snowflake://u:hunter2-pw@acc:port/db"\n');
    const error = captureDlthubError(() => ws().open().resolveDestination('snow'));
    expect(error.keyPath).toBe('destination.snow.credentials');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-pw');
  });

  it('names key and file for keep_staged_files that is not a boolean', () => {
    ws().write('.dlt/config.toml', `${TYPE}keep_staged_files = "often"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('snow'));
    expect(error.keyPath).toBe('destination.snow.keep_staged_files');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });

  itRefusesSecretsInConfig({
    workspace: ws,
    name: 'snow',
    configToml: TYPE,
    variants: snowflakeDestination.credentialsSchemas,
  });
});
