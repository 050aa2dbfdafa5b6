/**
 * Value coercion (dlt §3.4). Field kinds come from the plugins' zod schemas; strings (mostly
 * from env) are coerced to the kind: bool words, ints with `0x` hex and surrounding whitespace,
 * floats, JSON for lists and dicts with an exact type match, enum/literal membership.
 * `autoCast` is what dlt's accessors do to any string value.
 */
import type { z } from 'zod';
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

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
}

function defOf(schema: unknown): ZodInternals['_zod']['def'] {
  return (schema as ZodInternals)._zod.def;
}

/** Strips optional/nullable/default/readonly/catch and transforms' input side. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: unknown = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      break;
    }
  }
  return current as z.ZodType;
}

function isIntegerNumber(def: Record<string, unknown>): boolean {
  if (typeof def.format === 'string' && def.format.includes('int')) return true;
  const checks = (def.checks as { _zod: { def: { format?: string } } }[] | undefined) ?? [];
  return checks.some((check) => check._zod.def.format?.includes('int'));
}

export function fieldKind(schema: z.ZodType): FieldKind {
  const def = defOf(unwrapSchema(schema));
  switch (def.type) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: isIntegerNumber(def) ? 'int' : 'float' };
    case 'int':
    case 'bigint':
      return { type: 'int' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
    case 'tuple':
      return { type: 'array' };
    case 'record':
    case 'object':
    case 'map':
      return { type: 'record' };
    case 'enum':
      return { type: 'enum', values: Object.values(def.entries as Record<string, unknown>) };
    case 'literal':
      return { type: 'enum', values: def.values as unknown[] };
    case 'union': {
      const options = (def.options as z.ZodType[]).map(fieldKind);
      if (options.every((option) => option.type === 'enum')) {
        return { type: 'enum', values: options.flatMap((option) => (option as { values: readonly unknown[] }).values) };
      }
      return { type: 'unknown' };
    }
    default:
      return { type: 'unknown' };
  }
}

/** The value of a `.default()` (or `.prefault()`) wrapper, if the schema has one. */
export function fieldDefault(schema: z.ZodType): { has: boolean; value: unknown } {
  let current: unknown = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (def.type === 'default' || def.type === 'prefault') {
      const value = def.defaultValue;
      return { has: true, value: typeof value === 'function' ? (value as () => unknown)() : value };
    }
    if (['optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else break;
  }
  return { has: false, value: undefined };
}

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

export function coerceToKind(kind: FieldKind, value: unknown): CoerceResult {
  switch (kind.type) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return { ok: true, value: String(value) };
      return fail('expected text');
    case 'int': {
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

/**
 * What zod would still check after `coerceToKind` succeeded, for schemas simple enough to check
 * without zod (no refinements, transforms or bounds): `none`, a finite number, a safe integer, or
 * an array of strings. null: run the zod schema.
 */
export type PlainCheck = 'none' | 'finite' | 'safeint' | 'strings';

const PASS_THROUGH_WRAPPERS: ReadonlySet<string> = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly']);

function hasNoChecks(def: Record<string, unknown>): boolean {
  const checks = def.checks as unknown[] | undefined;
  return checks === undefined || checks.length === 0;
}

export function plainCheckOf(schema: z.ZodType): PlainCheck | null {
  let def = defOf(schema);
  for (let depth = 0; depth < 20 && PASS_THROUGH_WRAPPERS.has(def.type); depth++) def = defOf(def.innerType);
  switch (def.type) {
    case 'string':
      return hasNoChecks(def) && def.format === undefined ? 'none' : null;
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'unknown':
    case 'any':
      return hasNoChecks(def) ? 'none' : null;
    case 'number': {
      const checks = (def.checks as { _zod: { def: { check: string; format?: string } } }[] | undefined) ?? [];
      const formats = checks.map((check) =>
        check._zod.def.check === 'number_format' ? check._zod.def.format : 'other',
      );
      if (def.format !== undefined) formats.push(def.format as string);
      if (formats.length === 0) return 'finite';
      return formats.every((format) => format === 'safeint') ? 'safeint' : null;
    }
    case 'record': {
      const key = defOf(def.keyType);
      const value = defOf(def.valueType);
      return hasNoChecks(def) &&
        key.type === 'string' &&
        hasNoChecks(key) &&
        (value.type === 'unknown' || value.type === 'any')
        ? 'none'
        : null;
    }
    case 'array': {
      const element = defOf(def.element);
      return hasNoChecks(def) && element.type === 'string' && hasNoChecks(element) && element.format === undefined
        ? 'strings'
        : null;
    }
    default:
      return null;
  }
}

/** Whether a coerced value passes a plain check (the same answer zod would give). */
export function passesPlainCheck(check: PlainCheck, value: unknown): boolean {
  switch (check) {
    case 'none':
      return true;
    case 'finite':
      return typeof value === 'number' && Number.isFinite(value);
    case 'safeint':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}
