import { z } from 'zod';
import { DlthubError } from '@dlthub/config-core';
import { connectionStringParser, connectionStringVariant, sqlalchemyCredentialsShape } from './sql-credentials';

const options = {
  type: 'demo',
  schemes: /^demo(\+\w+)?$/,
  example: 'demo://user:password@host:1/db',
  queryFields: { timeout: 'int', driver: 'string' } as const,
};

describe('connection-string credentials', () => {
  it('lifts query parameters into fields and keeps the whole query, as dlt does', () => {
    expect(connectionStringParser(options)('demo+x://u:p@h:7/db?timeout=9&driver=odbc&x=1')).toEqual({
      username: 'u',
      password: 'p',
      host: 'h',
      port: 7,
      database: 'db',
      query: { timeout: '9', driver: 'odbc', x: '1' },
      timeout: 9,
      driver: 'odbc',
    });
  });

  it('matches query keys case-insensitively when asked (mssql) and keeps the scheme as drivername when asked', () => {
    const parse = connectionStringParser({ ...options, lowerCaseQuery: true, keepDrivername: true });
    expect(parse('demo://h/db?TIMEOUT=3')).toMatchObject({ drivername: 'demo', timeout: 3, query: { timeout: '3' } });
  });

  it.each([
    ['another scheme', 'other://u:hunter2@h/db'],
    ['a non-integer lifted value', 'demo://u:hunter2@h/db?timeout=soon'],
  ])('rejects %s without repeating the password', (_what, native) => {
    let error: unknown;
    try {
      connectionStringParser(options)(native);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect((error as DlthubError).code).toBe('ConfigValueCannotBeCoerced');
    expect((error as DlthubError).message).not.toContain('hunter2');
  });

  it('builds a variant that strips the password, then applies its own fix-up, and keeps only non-default fields', () => {
    const schema = z.object({ ...sqlalchemyCredentialsShape, port: z.number().int().default(7) });
    const variant = connectionStringVariant({
      ...options,
      description: 'demo',
      schema,
      onResolved: (fields) => ({ ...fields, database: String(fields.database).toLowerCase() }),
    });
    expect(variant.secretFields).toEqual(['password']);
    expect(variant.parseNative!('demo://u:p@h:7/db')).not.toHaveProperty('port');
    expect(variant.onResolved!({ password: ' pw ', database: 'DB' })).toEqual({ password: 'pw', database: 'db' });
  });
});
