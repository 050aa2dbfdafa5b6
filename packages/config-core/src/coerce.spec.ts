import { z } from 'zod';
import { autoCast, coerceToKind, fieldDefault, fieldKind } from './coerce';

describe('field kinds from zod schemas', () => {
  it('unwraps optional, nullable, default and transforms', () => {
    expect(fieldKind(z.string().optional())).toEqual({ type: 'string' });
    expect(fieldKind(z.number().int().default(5432))).toEqual({ type: 'int' });
    expect(fieldKind(z.int())).toEqual({ type: 'int' });
    expect(fieldKind(z.number().nullable())).toEqual({ type: 'float' });
    expect(fieldKind(z.boolean().default(false))).toEqual({ type: 'boolean' });
    expect(fieldKind(z.array(z.string()).optional())).toEqual({ type: 'array' });
    expect(fieldKind(z.record(z.string(), z.unknown()))).toEqual({ type: 'record' });
    expect(fieldKind(z.object({ a: z.string() }))).toEqual({ type: 'record' });
    expect(fieldKind(z.enum(['a', 'b']).default('a'))).toEqual({ type: 'enum', values: ['a', 'b'] });
    expect(fieldKind(z.literal(['x', 1]))).toEqual({ type: 'enum', values: ['x', 1] });
    expect(fieldKind(z.union([z.literal('a'), z.literal('b')]))).toEqual({ type: 'enum', values: ['a', 'b'] });
    expect(fieldKind(z.string().transform((text) => text.trim()))).toEqual({ type: 'string' });
    expect(fieldKind(z.any())).toEqual({ type: 'unknown' });
  });

  it('reads defaults', () => {
    expect(fieldDefault(z.number().default(15))).toEqual({ has: true, value: 15 });
    expect(fieldDefault(z.string().optional())).toEqual({ has: false, value: undefined });
    expect(fieldDefault(z.array(z.string()).default(() => ['x']))).toEqual({ has: true, value: ['x'] });
  });
});

describe('coercion of configured values (dlt §3.4)', () => {
  const ok = (value: unknown) => ({ ok: true, value });
  it('bool words, case-insensitive', () => {
    for (const word of ['yes', 'TRUE', 't', 'Y', '1'])
      expect(coerceToKind({ type: 'boolean' }, word)).toEqual(ok(true));
    for (const word of ['no', 'False', 'f', 'N', '0'])
      expect(coerceToKind({ type: 'boolean' }, word)).toEqual(ok(false));
    expect(coerceToKind({ type: 'boolean' }, 'maybe').ok).toBe(false);
  });

  it('ints with whitespace and 0x hex; floats', () => {
    expect(coerceToKind({ type: 'int' }, ' 45 ')).toEqual(ok(45));
    expect(coerceToKind({ type: 'int' }, '0x1F90')).toEqual(ok(8080));
    expect(coerceToKind({ type: 'int' }, '-0x10')).toEqual(ok(-16));
    expect(coerceToKind({ type: 'int' }, 5432)).toEqual(ok(5432));
    expect(coerceToKind({ type: 'int' }, '5.5').ok).toBe(false);
    expect(coerceToKind({ type: 'int' }, 'port').ok).toBe(false);
    expect(coerceToKind({ type: 'float' }, '3.25')).toEqual(ok(3.25));
    expect(coerceToKind({ type: 'float' }, '1e3')).toEqual(ok(1000));
    expect(coerceToKind({ type: 'float' }, 'abc').ok).toBe(false);
  });

  it('JSON lists and dicts with an exact type match', () => {
    expect(coerceToKind({ type: 'array' }, '["spatial", "httpfs"]')).toEqual(ok(['spatial', 'httpfs']));
    expect(coerceToKind({ type: 'array' }, '{"a": 1}').ok).toBe(false);
    expect(coerceToKind({ type: 'record' }, '{"a": 1}')).toEqual(ok({ a: 1 }));
    expect(coerceToKind({ type: 'record' }, '[1]').ok).toBe(false);
    expect(coerceToKind({ type: 'record' }, 'not json').ok).toBe(false);
  });

  it('enum and literal membership', () => {
    const kind = { type: 'enum' as const, values: ['truncate-and-insert', 'insert-from-staging', 'staging-optimized'] };
    expect(coerceToKind(kind, 'truncate-and-insert')).toEqual(ok('truncate-and-insert'));
    const failed = coerceToKind(kind, 'drop-everything');
    expect(failed).toEqual({
      ok: false,
      reason: 'expected one of "truncate-and-insert", "insert-from-staging", "staging-optimized"',
    });
    expect(coerceToKind({ type: 'enum', values: [1, 2] }, '2')).toEqual(ok(2));
  });

  it('strings accept TOML numbers and booleans as text', () => {
    expect(coerceToKind({ type: 'string' }, 5)).toEqual(ok('5'));
    expect(coerceToKind({ type: 'string' }, ['x']).ok).toBe(false);
  });
});

describe('autoCast (dlt accessor __getitem__)', () => {
  it('casts true/false, ints incl. hex, floats, JSON lists/dicts; leaves the rest', () => {
    expect(autoCast('true')).toBe(true);
    expect(autoCast('False')).toBe(false);
    expect(autoCast('0x2A')).toBe(42);
    expect(autoCast('8080')).toBe(8080);
    expect(autoCast('3.25')).toBe(3.25);
    expect(autoCast('["a", "b"]')).toEqual(['a', 'b']);
    expect(autoCast('{"X-Team": "data", "n": 1}')).toEqual({ 'X-Team': 'data', n: 1 });
    expect(autoCast('yes')).toBe('yes');
    expect(autoCast('[not json')).toBe('[not json');
    expect(autoCast('')).toBe('');
    expect(autoCast(7)).toBe(7);
  });
});
