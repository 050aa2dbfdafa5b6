import { z } from 'zod';
import { fieldDefault, fieldKind, isRequiredField, isSameValue, isSetByNative } from './field-schema';

describe('field-schema: what the engine reads from zod schemas', () => {
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

  it('tells required fields from optional, nullable and defaulted ones', () => {
    expect(isRequiredField(z.string())).toBe(true);
    expect(isRequiredField(z.number().int())).toBe(true);
    expect(isRequiredField(z.string().optional())).toBe(false);
    expect(isRequiredField(z.string().nullable())).toBe(false);
    expect(isRequiredField(z.number().default(5432))).toBe(false);
    expect(isRequiredField(z.string().readonly())).toBe(true);
  });

  it('a native value sets a field only with a non-default value (dlt: 5432 in the string leaves port to the providers)', () => {
    expect(isSetByNative(5433, 5432)).toBe(true);
    expect(isSetByNative(5432, 5432)).toBe(false);
    expect(isSetByNative(undefined, 5432)).toBe(false);
    expect(isSetByNative(null, undefined)).toBe(false);
    expect(isSetByNative('db', undefined)).toBe(true);
    expect(isSetByNative({ a: [1] }, { a: [1] })).toBe(false);
    expect(isSameValue({ a: [1] }, { a: [1] })).toBe(true);
    expect(isSameValue({ a: [1] }, { a: [2] })).toBe(false);
    expect(isSameValue('1', 1)).toBe(false);
  });
});
