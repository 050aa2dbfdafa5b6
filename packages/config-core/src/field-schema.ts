/**
 * What the engine reads from a plugin's zod field schema: its kind, its default and whether it is
 * required. The only module that looks at zod's internal definitions (`_zod.def`), so a zod upgrade
 * touches this file and its spec alone.
 */
import type { z } from 'zod';
import type { FieldKind } from './coerce';

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

/** A field dlt must find: not optional, not nullable and without a default. */
export function isRequiredField(schema: z.ZodType): boolean {
  let current: unknown = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault', 'catch'].includes(def.type)) return false;
    if (['readonly', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return true;
  }
  return true;
}

/** Value equality of resolved field values: identical, or equal plain data (tables, arrays). */
export function isSameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Whether a native representation (a connection string parsed into fields) sets a field: dlt applies
 * only the fields the native value gives a non-default value (dlt-semantics §9), so a connection string
 * without a port leaves `port` to the providers, and one that spells out the default does too.
 */
export function isSetByNative(nativeValue: unknown, defaultValue: unknown): boolean {
  return nativeValue !== undefined && nativeValue !== null && !isSameValue(defaultValue, nativeValue);
}
