import { z } from 'zod';
import {
  CONFIGURE_ME,
  connectionStringShape,
  dwhConfigShape,
  fieldsSetByNative,
  nativeParser,
  stripPassword,
} from './fields';

const schema = z.object({
  host: z.string(),
  port: z.number().int().default(5432),
  password: z.string().optional(),
});

describe('fieldsSetByNative', () => {
  it('drops fields equal to their default, undefined values and unknown keys (dlt counts only non-default values)', () => {
    expect(fieldsSetByNative(schema, { host: 'h', port: 5432, password: undefined, extra: 1 })).toEqual({ host: 'h' });
    expect(fieldsSetByNative(schema, { host: 'h', port: 5433 })).toEqual({ host: 'h', port: 5433 });
  });
});

describe('nativeParser', () => {
  const parse = nativeParser(schema, (native) => {
    if (!native.startsWith('x://')) throw new Error('not x');
    return { host: native.slice(4), port: 5432 };
  });

  it('parses the native form and keeps non-default fields', () => {
    expect(parse('x://db')).toEqual({ host: 'db' });
  });

  it('falls back to a JSON object when the native form does not parse', () => {
    expect(parse('{"host": "j", "port": 1, "other": true}')).toEqual({ host: 'j', port: 1 });
  });

  it('rethrows the parse error for anything else', () => {
    expect(() => parse('nope')).toThrow('not x');
    expect(() => parse('{broken')).toThrow('not x');
  });
});

describe('dwhConfigShape', () => {
  it('carries dlt defaults and the replace_strategy literal (no configured default: capabilities pick it)', () => {
    const config = z.object(dwhConfigShape);
    expect(config.parse({})).toEqual({
      staging_dataset_name_layout: '%s_staging',
      enable_dataset_name_normalization: true,
      info_tables_query_threshold: 1000,
      truncate_tables_on_staging_destination_before_load: true,
    });
    expect(config.safeParse({ replace_strategy: 'drop-everything' }).success).toBe(false);
    expect(config.safeParse({ replace_strategy: 'staging-optimized' }).success).toBe(true);
    expect(Object.keys(dwhConfigShape)).toEqual(
      expect.arrayContaining(['destination_name', 'environment', 'dataset_name', 'default_schema_name']),
    );
    expect(CONFIGURE_ME).toBe('<configure me>');
  });

  it('strips a connection-string password only in the fix-up of complete credentials', () => {
    expect(stripPassword({ password: '  pw \n', username: ' u ' })).toEqual({ password: 'pw', username: ' u ' });
    expect(z.object(connectionStringShape).parse({ database: 'd', username: 'u', password: ' pw ' }).password).toBe(
      ' pw ',
    );
  });
});
