import { createRegistry, DlthubError } from '@dlthub/config-core';
import { plugin, snowflakeCredentialsSchema, snowflakeDestination } from './index';

const [variant] = snowflakeDestination.credentialsSchemas;
if (!variant) throw new Error('snowflakeDestination declares no credentials variant');
const parseNative = (native: string) => variant.parseNative!(native);

describe('snowflake destination', () => {
  it('registers the snowflake type', () => {
    expect(createRegistry([plugin]).getDestination('snowflake')).toBe(snowflakeDestination);
  });

  it('marks password, private_key and private_key_passphrase secret, as dlt does', () => {
    expect([...variant.secretFields].sort()).toEqual(['password', 'private_key', 'private_key_passphrase']);
  });

  it('accepts a password login and a key-pair login', () => {
    expect(
      snowflakeCredentialsSchema.parse({ host: 'acc', database: 'RAW', username: 'U', password: ' pw ' }),
    ).toMatchObject({
      // The schema keeps the password as given: dlt strips it in the fix-up of complete credentials.
      password: ' pw ',
      application: 'dltHub_dlt',
    });
    expect(variant.onResolved?.({ password: ' pw ' })).toEqual({ password: 'pw' });
    expect(
      snowflakeCredentialsSchema.safeParse({
        host: 'acc',
        database: 'RAW',
        username: 'U',
        private_key_path: 'k.p8',
        private_key_passphrase: 'pp',
      }).success,
    ).toBe(true);
  });

  it('parses account, database and query fields from a snowflake:// URL', () => {
    expect(
      parseNative('snowflake://LOADER:pw@xy12345.eu-central-1/RAW?warehouse=COMPUTE_WH&role=DLT_ROLE&login_timeout=30'),
    ).toEqual({
      username: 'LOADER',
      password: 'pw',
      host: 'xy12345.eu-central-1',
      database: 'RAW',
      warehouse: 'COMPUTE_WH',
      role: 'DLT_ROLE',
      query: { login_timeout: '30' },
    });
    expect(parseNative('snowflake://LOADER@acc/RAW?authenticator=oauth&token=abc')).toMatchObject({
      authenticator: 'oauth',
      token: 'abc',
    });
  });

  it('rejects other schemes and malformed URLs without echoing secrets', () => {
    for (const native of [
      'postgresql://u:hunter2@h/db',
      'snowflake://u:hunter2@acc:x/db',
      'snowflake://u@acc:x/db?private_key_passphrase=hunter2&role=R',
    ]) {
      let error: unknown;
      try {
        parseNative(native);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DlthubError);
      expect((error as DlthubError).message).not.toContain('hunter2');
    }
  });

  it("has dlt's destination-level fields", () => {
    expect(snowflakeDestination.configSchema.parse({})).toMatchObject({
      keep_staged_files: true,
      create_indexes: false,
      use_vectorized_scanner: false,
    });
  });
});
