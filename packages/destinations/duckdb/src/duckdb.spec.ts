import { createRegistry, DlthubError } from '@dlthub/config-core';
import { duckdbCredentialsSchema, duckdbDestination, plugin } from './index';

const [variant] = duckdbDestination.credentialsSchemas;
if (!variant) throw new Error('duckdbDestination declares no credentials variant');
const parseNative = (native: string) => variant.parseNative!(native);

describe('duckdb destination', () => {
  it('registers the duckdb type', () => {
    expect(createRegistry([plugin]).getDestination('duckdb')).toBe(duckdbDestination);
  });

  it("has dlt's option fields with their types and defaults", () => {
    const parsed = duckdbCredentialsSchema.parse({});
    expect(parsed).toEqual({ drivername: 'duckdb', read_only: false });
    const ok = duckdbCredentialsSchema.safeParse({
      database: 'x.duckdb',
      read_only: true,
      extensions: ['spatial', 'httpfs'],
      pragmas: ['enable_progress_bar'],
      global_config: { threads: 4 },
      local_config: { search_path: 'main' },
    });
    expect(ok.success).toBe(true);
    expect(duckdbCredentialsSchema.safeParse({ read_only: 'yes' }).success).toBe(false);
    expect(duckdbCredentialsSchema.safeParse({ extensions: 'spatial' }).success).toBe(false);
    expect(duckdbCredentialsSchema.safeParse({ global_config: ['a'] }).success).toBe(false);
    expect(duckdbDestination.configSchema.parse({})).toMatchObject({ create_indexes: false });
  });

  it.each([
    ['duckdb:///data/lake.duckdb', { database: 'data/lake.duckdb' }],
    ['duckdb:////abs/lake.duckdb', { database: '/abs/lake.duckdb' }],
    ['data/lake.duckdb', { database: 'data/lake.duckdb' }],
    [':pipeline:', { database: ':pipeline:' }],
    ['duckdb:///x.duckdb?threads=4', { database: 'x.duckdb', query: { threads: '4' } }],
  ])('parses %s', (native, fields) => {
    expect(parseNative(native)).toEqual(fields);
  });

  it.each(['md:///db', 'postgresql://u:p@h/db', ':memory:', ' ', 'bad\u0000path'])('rejects %j', (native) => {
    expect(() => parseNative(native)).toThrow(DlthubError);
  });

  it('needs no credentials to scaffold', () => {
    expect(duckdbDestination.scaffold.dev).toEqual({ config: {}, credentials: {} });
  });
});
