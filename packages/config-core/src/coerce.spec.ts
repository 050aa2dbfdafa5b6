import { autoCast, coerceToKind, pythonFloatText, pythonText } from './coerce';

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

  it('a text field takes typed values as dlt prints them: compact JSON, True/False, Python numbers', () => {
    expect(coerceToKind({ type: 'string' }, 5)).toEqual(ok('5'));
    expect(coerceToKind({ type: 'string' }, ['crm', 'sales', 3])).toEqual(ok('["crm","sales",3]'));
    expect(coerceToKind({ type: 'string' }, { role: 'loader', n: { a: [true] } })).toEqual(
      ok('{"role":"loader","n":{"a":[true]}}'),
    );
    expect(coerceToKind({ type: 'string' }, true)).toEqual(ok('True'));
    expect(coerceToKind({ type: 'string' }, false)).toEqual(ok('False'));
    expect(coerceToKind({ type: 'string' }, 2.5)).toEqual(ok('2.5'));
    // A TOML literal read with integers as bigint: every number in it is a float.
    expect(coerceToKind({ type: 'string' }, 5, true)).toEqual(ok('5.0'));
    expect(coerceToKind({ type: 'string' }, [1, 2n], true)).toEqual(ok('[1.0,2]'));
    expect(coerceToKind({ type: 'string' }, 7n, true)).toEqual(ok('7'));
  });

  it('formats floats as Python repr does', () => {
    expect(pythonFloatText(5)).toBe('5.0');
    expect(pythonFloatText(0.1)).toBe('0.1');
    expect(pythonFloatText(1e16)).toBe('1e+16');
    expect(pythonFloatText(123456789012345.0)).toBe('123456789012345.0');
    expect(pythonFloatText(1.5e-7)).toBe('1.5e-07');
    expect(pythonFloatText(0.0001)).toBe('0.0001');
    expect(pythonFloatText(-0)).toBe('-0.0');
    expect(pythonFloatText(Infinity)).toBe('inf');
    expect(pythonText({ x: 1e16 }, true)).toBe('{"x":1e+16}');
  });

  it('a boolean field takes an integer (0 false, else true); an int field a whole float, never a bool or a fraction', () => {
    expect(coerceToKind({ type: 'boolean' }, 0)).toEqual(ok(false));
    expect(coerceToKind({ type: 'boolean' }, 2)).toEqual(ok(true));
    expect(coerceToKind({ type: 'boolean' }, -1)).toEqual(ok(true));
    expect(coerceToKind({ type: 'int' }, 58.0)).toEqual(ok(58));
    expect(coerceToKind({ type: 'int' }, 58.5).ok).toBe(false);
    expect(coerceToKind({ type: 'int' }, true).ok).toBe(false);
    expect(coerceToKind({ type: 'int' }, 'maybe').ok).toBe(false);
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
