import { createRegistry, DlthubError } from '@dlthub/config-core';
import { plugin, postgresConfigSchema, postgresCredentialsSchema, postgresDestination } from './index';

const [variant] = postgresDestination.credentialsSchemas;
if (!variant) throw new Error('postgresDestination declares no credentials variant');
const parseNative = (native: string) => variant.parseNative!(native);

function thrown(fn: () => unknown): DlthubError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('expected a DlthubError');
}

describe('postgres destination', () => {
  it('registers the postgres type', () => {
    const registry = createRegistry([plugin]);
    expect(registry.getDestination('postgres')).toBe(postgresDestination);
    expect(registry.ownerOf('destination', 'postgres')).toBe('@dlthub/destination-postgres');
  });

  it("has dlt's fields, defaults and secret marking", () => {
    expect(Object.keys(postgresCredentialsSchema.shape).sort()).toEqual(
      [
        'client_encoding',
        'connect_timeout',
        'database',
        'drivername',
        'host',
        'password',
        'port',
        'query',
        'username',
      ].sort(),
    );
    expect(variant.secretFields).toEqual(['password']);
    const parsed = postgresCredentialsSchema.parse({ database: 'd', username: 'u', password: '  pw \n', host: 'h' });
    // The schema keeps the password as given; dlt strips it only in the fix-up of complete credentials.
    expect(parsed).toMatchObject({ port: 5432, connect_timeout: 15, password: '  pw \n' });
    expect(variant.onResolved?.(parsed)).toMatchObject({ password: 'pw' });
    expect(postgresDestination.configSchema.parse({})).toMatchObject({ create_indexes: true });
    // No configured default: the destination's capabilities pick the strategy at load time.
    expect(postgresDestination.configSchema.parse({}).replace_strategy).toBeUndefined();
  });

  it('rejects wrong field types', () => {
    expect(postgresCredentialsSchema.shape.port.safeParse('5432').success).toBe(false);
    expect(postgresCredentialsSchema.shape.port.safeParse(54.5).success).toBe(false);
    expect(postgresConfigSchema.shape.replace_strategy.safeParse('drop-everything').success).toBe(false);
  });

  it('parses postgresql:// and postgres:// URLs with query parameters', () => {
    expect(parseNative('postgresql://loader:s3cret@db.example.com:5433/analytics')).toEqual({
      username: 'loader',
      password: 's3cret',
      host: 'db.example.com',
      port: 5433,
      database: 'analytics',
    });
    expect(parseNative('postgres://u@h/db?connect_timeout=30&client_encoding=utf8&sslmode=require')).toEqual({
      username: 'u',
      host: 'h',
      database: 'db',
      connect_timeout: 30,
      client_encoding: 'utf8',
      query: { connect_timeout: '30', client_encoding: 'utf8', sslmode: 'require' },
    });
  });

  it('leaves default-valued parts open for field-wise lookup (port 5432, connect_timeout 15)', () => {
    expect(parseNative('postgresql://u:p@h:5432/db?connect_timeout=15')).not.toHaveProperty('port');
    expect(parseNative('postgresql://u:p@h:5432/db?connect_timeout=15')).not.toHaveProperty('connect_timeout');
  });

  it('takes a JSON object string field by field', () => {
    expect(parseNative('{"host": "h", "port": 6000}')).toEqual({ host: 'h', port: 6000 });
  });

  it('rejects malformed strings and other schemes without echoing the password', () => {
    for (const native of [
      'postgresql://u:hunter2@h:port/db',
      'mysql://u:hunter2@h/db',
      'hunter2',
      'postgresql://u:hunter2@h/db?connect_timeout=soon',
    ]) {
      const error = thrown(() => parseNative(native));
      expect(error.code).toBe('ConfigValueCannotBeCoerced');
      expect(error.message).not.toContain('hunter2');
      expect(error.hint).toContain('postgresql://');
    }
  });

  it('scaffolds placeholders for what the user must fill', () => {
    expect(postgresDestination.scaffold.prod.credentials).toEqual({
      database: '<configure me>',
      username: '<configure me>',
      password: '<configure me>',
      host: '<configure me>',
    });
    expect(postgresDestination.scaffold.dev.credentials).toMatchObject({ host: 'localhost' });
  });
});
