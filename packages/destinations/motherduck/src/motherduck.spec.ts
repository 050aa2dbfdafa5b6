import { createRegistry, DlthubError } from '@dlthub/config-core';
import { motherduckCredentialsSchema, motherduckDestination, plugin } from './index';

const [variant] = motherduckDestination.credentialsSchemas;
if (!variant) throw new Error('motherduckDestination declares no credentials variant');
const parseNative = (native: string) => variant.parseNative!(native);

describe('motherduck destination', () => {
  it('registers the motherduck type', () => {
    expect(createRegistry([plugin]).getDestination('motherduck')).toBe(motherduckDestination);
  });

  it('defaults database to my_db and username to motherduck, token in password (secret)', () => {
    expect(motherduckCredentialsSchema.parse({ password: ' tok ' })).toMatchObject({
      database: 'my_db',
      username: 'motherduck',
      password: ' tok ',
      read_only: false,
    });
    expect(variant.onResolved?.({ password: ' tok ' })).toEqual({ password: 'tok' });
    expect(variant.secretFields).toEqual(['password']);
  });

  it.each([
    ['md:///analytics?motherduck_token=t1', { database: 'analytics', password: 't1' }],
    ['md:analytics?token=t2', { database: 'analytics', password: 't2' }],
    ['md:analytics?token=old&motherduck_token=new', { database: 'analytics', password: 'new' }],
    ['md:analytics', { database: 'analytics' }],
    [
      'md:///analytics?motherduck_token=t&attach_mode=single',
      { database: 'analytics', password: 't', query: { attach_mode: 'single' } },
    ],
    ['analytics', { database: 'analytics' }],
  ])('parses %s', (native, fields) => {
    expect(parseNative(native)).toEqual(fields);
  });

  it('omits the default database from a native value', () => {
    expect(parseNative('md:my_db?motherduck_token=t')).toEqual({ password: 't' });
  });

  it.each(['md:', 'md:///', 'md:?motherduck_token=secret-tok', 'duckdb:///x.duckdb'])(
    'rejects %j without echoing a token',
    (native) => {
      let error: unknown;
      try {
        parseNative(native);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DlthubError);
      expect((error as DlthubError).message).not.toContain('secret-tok');
    },
  );

  it('scaffolds database and token placeholders', () => {
    expect(motherduckDestination.scaffold.prod.credentials).toEqual({
      database: '<configure me>',
      password: '<configure me>',
    });
  });
});
