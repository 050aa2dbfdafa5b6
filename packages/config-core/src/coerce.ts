/**
 * Value coercion (dlt §3.4, type_helpers `coerce_type`). Field kinds come from `field-schema.ts`; strings
 * (mostly from env) are coerced to the kind: bool words, ints with `0x` hex and surrounding whitespace,
 * floats, JSON for lists and dicts with an exact type match, enum/literal membership; typed values convert
 * as dlt converts them. `autoCast` is what dlt's accessors do to any string value.
 */
import { isTomlTable } from './toml-merge';

export type FieldKind =
  | { type: 'string' }
  | { type: 'int' }
  | { type: 'float' }
  | { type: 'boolean' }
  | { type: 'array' }
  | { type: 'record' }
  | { type: 'enum'; values: readonly unknown[] }
  | { type: 'unknown' };

const TRUE_WORDS = new Set(['yes', 'true', 't', 'y', '1']);
const FALSE_WORDS = new Set(['no', 'false', 'f', 'n', '0']);
const INT_PATTERN = /^[+-]?\d+(_\d+)*$/;
const HEX_PATTERN = /^[+-]?0[xX][0-9a-fA-F]+(_[0-9a-fA-F]+)*$/;
const FLOAT_PATTERN = /^[+-]?(\d+(_\d+)*)?(\.\d*)?([eE][+-]?\d+)?$/;

/** Python-style int parsing: whitespace, `_` separators and `0x` hex allowed. */
export function parseIntLike(text: string): number | undefined {
  const trimmed = text.trim();
  if (INT_PATTERN.test(trimmed)) return Number(trimmed.replace(/_/g, ''));
  if (HEX_PATTERN.test(trimmed)) {
    const negative = trimmed.startsWith('-');
    const digits = trimmed.replace(/^[+-]?0[xX]/, '').replace(/_/g, '');
    const value = parseInt(digits, 16);
    return negative ? -value : value;
  }
  return undefined;
}

export function parseFloatLike(text: string): number | undefined {
  const integer = parseIntLike(text);
  if (integer !== undefined) return integer;
  const trimmed = text.trim();
  if (!/\d/.test(trimmed) || !FLOAT_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isTomlTable(value);
}

export type CoerceResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Coerces one configured value to a field kind; typed values pass when compatible. */
function fail(reason: string): CoerceResult {
  return { ok: false, reason };
}

/** Python's `repr` of a float: shortest digits, exponent below 1e-4 and from 1e16, `.0` on whole numbers. */
export function pythonFloatText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}

/**
 * A typed value as dlt turns it into text (type_helpers `coerce_type` to text): tables and arrays as compact
 * JSON, booleans as `True`/`False`, numbers as Python prints them. `literal`: the value is a TOML literal
 * read with integers as bigint, so every JS number in it is a float (`5.0` stays `5.0`).
 */
export function pythonText(value: unknown, literal = false): string {
  const number = (n: number) => (literal || !Number.isInteger(n) ? pythonFloatText(n) : String(n));
  const json = (item: unknown): string => {
    if (typeof item === 'bigint') return item.toString();
    if (typeof item === 'number') return number(item);
    if (Array.isArray(item)) return `[${item.map(json).join(',')}]`;
    if (isPlainObject(item))
      return `{${Object.keys(item)
        .map((key) => `${JSON.stringify(key)}:${json(item[key])}`)
        .join(',')}}`;
    if (item instanceof Date) return JSON.stringify(item.toISOString());
    return JSON.stringify(item) ?? 'null';
  };
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return number(value);
  if (Array.isArray(value) || isPlainObject(value)) return json(value);
  return String(value);
}

/**
 * Coerces one configured value to a field kind (dlt's coercion table): strings (mostly from env) are parsed,
 * typed values pass when compatible or convert as dlt converts them. `literal` as in `pythonText`.
 */
export function coerceToKind(kind: FieldKind, value: unknown, literal = false): CoerceResult {
  switch (kind.type) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (value === null || value === undefined) return fail('expected text');
      return { ok: true, value: pythonText(value, literal) };
    case 'int': {
      // A float without fraction is taken, a fractional one or a boolean is not.
      if (typeof value === 'number') return Number.isInteger(value) ? { ok: true, value } : fail('expected an integer');
      if (typeof value === 'bigint') return { ok: true, value: Number(value) };
      if (typeof value === 'string') {
        const parsed = parseIntLike(value);
        return parsed === undefined ? fail('expected an integer (decimal or 0x hex)') : { ok: true, value: parsed };
      }
      return fail('expected an integer');
    }
    case 'float': {
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'bigint') return { ok: true, value: Number(value) };
      if (typeof value === 'string') {
        const parsed = parseFloatLike(value);
        return parsed === undefined ? fail('expected a number') : { ok: true, value: parsed };
      }
      return fail('expected a number');
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      // An integer is a boolean as in Python: 0 is false, anything else true.
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value: value !== 0 };
      if (typeof value === 'bigint') return { ok: true, value: value !== 0n };
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      return fail('expected a boolean (yes/true/t/y/1 or no/false/f/n/0)');
    }
    case 'array': {
      if (Array.isArray(value)) return { ok: true, value };
      if (typeof value === 'string') {
        const parsed = parseJson(value);
        if (Array.isArray(parsed)) return { ok: true, value: parsed };
      }
      return fail('expected a list (a JSON array in strings)');
    }
    case 'record': {
      if (isPlainObject(value)) return { ok: true, value };
      if (typeof value === 'string') {
        const parsed = parseJson(value);
        if (isPlainObject(parsed)) return { ok: true, value: parsed };
      }
      return fail('expected a table (a JSON object in strings)');
    }
    case 'enum': {
      if (kind.values.includes(value)) return { ok: true, value };
      if (typeof value === 'string') {
        // Literal members may be numbers or booleans; env gives strings.
        const match = kind.values.find((member) => String(member) === value);
        if (match !== undefined) return { ok: true, value: match };
      }
      return fail(`expected one of ${kind.values.map((member) => JSON.stringify(member)).join(', ')}`);
    }
    default:
      return { ok: true, value };
  }
}

/**
 * dlt's `auto_cast` for accessor values: `true`/`false` (any case) → boolean, then int
 * (incl. `0x` hex), float, JSON array/object; anything else stays a string.
 */
export function autoCast(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const integer = parseIntLike(value);
  if (integer !== undefined) return integer;
  const float = parseFloatLike(value);
  if (float !== undefined) return float;
  const trimmed = value.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const parsed = parseJson(trimmed);
    if (Array.isArray(parsed) || isPlainObject(parsed)) return parsed;
  }
  return value;
}
