import { captureDlthubError, tomlTable, valuesOf } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin, postgresDestination } from './index';

const TYPE = '[destination.warehouse]\ndestination_type = "postgres"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('postgres resolution', () => {
  it('resolves credentials field by field from secrets.toml with dlt defaults', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.warehouse.credentials', {
        host: 'pg',
        database: 'dwh',
        username: 'loader',
        password: '  pw \n',
      }),
    );
    const resolved = ws().open().resolveDestination('warehouse');
    expect(resolved.credentialsVariant).toBe('connection_string');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      host: 'pg',
      database: 'dwh',
      username: 'loader',
      password: 'pw',
      port: 5432,
      connect_timeout: 15,
    });
    expect(resolved.credentials.port?.provider).toBe('default');
    expect(resolved.credentials.host).toMatchObject({
      provider: 'secrets.toml',
      file: '.dlt/secrets.toml',
      matchedKey: 'destination.warehouse.credentials.host',
    });
    expect(resolved.config.create_indexes).toMatchObject({ value: true, provider: 'default' });
    expect(resolved.secretFields).toEqual(['password']);
  });

  it('resolves credentials field by field from env, coercing ints', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__WAREHOUSE__CREDENTIALS__HOST: 'pg-env',
          DESTINATION__WAREHOUSE__CREDENTIALS__DATABASE: 'dwh',
          DESTINATION__WAREHOUSE__CREDENTIALS__USERNAME: 'u',
          DESTINATION__WAREHOUSE__CREDENTIALS__PASSWORD: 'p',
          DESTINATION__WAREHOUSE__CREDENTIALS__PORT: '0x1F90',
          DESTINATION__WAREHOUSE__CREDENTIALS__CONNECT_TIMEOUT: ' 45 ',
          DESTINATION__WAREHOUSE__CREATE_INDEXES: 'no',
        },
      })
      .resolveDestination('warehouse');
    expect(valuesOf(resolved.credentials)).toMatchObject({ host: 'pg-env', port: 8080, connect_timeout: 45 });
    expect(resolved.credentials.port?.provider).toBe('Environment Variables');
    expect(resolved.config.create_indexes?.value).toBe(false);
  });

  it('resolves a whole connection string from env', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__WAREHOUSE__CREDENTIALS:
            'postgresql://loader:s3cret@db.example.com:5433/analytics?connect_timeout=30&client_encoding=utf8',
        },
      })
      .resolveDestination('warehouse');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      username: 'loader',
      password: 's3cret',
      host: 'db.example.com',
      port: 5433,
      database: 'analytics',
      connect_timeout: 30,
      client_encoding: 'utf8',
    });
    expect(resolved.credentials.host?.matchedKey).toBe('destination.warehouse.credentials');
  });

  it('completes a connection string without password from the field', () => {
    ws().write('.dlt/secrets.toml', '[destination.warehouse]\ncredentials = "postgres://u@h/db"\n');
    const resolved = ws()
      .open({ env: { DESTINATION__WAREHOUSE__CREDENTIALS__PASSWORD: 'field-pw' } })
      .resolveDestination('warehouse');
    expect(resolved.credentials.password).toMatchObject({
      value: 'field-pw',
      matchedKey: 'destination.warehouse.credentials.password',
    });
    expect(resolved.credentials.database).toMatchObject({ value: 'db', provider: 'secrets.toml' });
  });

  it('names key and file for a value of the wrong type', () => {
    ws().write('.dlt/secrets.toml', '[destination.warehouse.credentials]\nhost = "h"\nport = "fifty"\n');
    const error = captureDlthubError(() => ws().open().resolveDestination('warehouse'));
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe('destination.warehouse.credentials.port');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(error.location?.line).toBe(3);
  });

  it("refuses a replace_strategy outside dlt's literal", () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__WAREHOUSE__REPLACE_STRATEGY: 'drop-everything' } })
        .resolveDestination('warehouse'),
    );
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe('destination.warehouse.replace_strategy');
  });

  it.each([
    ['a bad port', 'postgresql://u:hunter2-pw@h:abc/db'],
    ['another scheme', 'mysql://u:hunter2-pw@h/db'],
    ['a bare password', 'hunter2-pw'],
  ])('rejects a malformed connection string (%s) naming key and file, never the password', (_what, native) => {
    ws().write('.dlt/secrets.toml', `[destination.warehouse]\ncredentials = ${JSON.stringify(native)}\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('warehouse'));
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe('destination.warehouse.credentials');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-pw');
  });

  it('turns a password given as a TOML array into its compact JSON text, as dlt coerces typed values to text', () => {
    ws().write('.dlt/secrets.toml', '[destination.warehouse.credentials]\nhost = "h"\npassword = ["hunter2", 5.0]\n');
    expect(ws().open().resolveDestination('warehouse').credentials.password).toMatchObject({
      value: '["hunter2",5.0]',
      provider: 'secrets.toml',
    });
  });

  itRefusesSecretsInConfig({
    workspace: ws,
    name: 'warehouse',
    configToml: TYPE,
    variants: postgresDestination.credentialsSchemas,
  });

  it('accepts non-secret credentials fields in config.toml once secrets.toml holds part of them', () => {
    ws().write('.dlt/secrets.toml', tomlTable('destination.warehouse.credentials', { password: 'pw' }));
    ws().write('.dlt/config.toml', TYPE + tomlTable('destination.warehouse.credentials', { host: 'cfg-host' }));
    expect(ws().open().resolveDestination('warehouse').credentials.host).toMatchObject({
      value: 'cfg-host',
      provider: 'config.toml',
    });
  });
});
