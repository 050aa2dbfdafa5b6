/**
 * Turning values read from source into plain data. Anything that needs running the code
 * (a call, a variable computed at import time, a name from outside the workspace) is an error
 * naming file:line and what to write instead.
 */
import type { SourceValue } from './reader';
import type { ManifestProblem } from './types';

export class UnknowableValue extends Error {
  constructor(readonly problem: ManifestProblem) {
    super(problem.message);
  }
}

export function describeSource(value: SourceValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  switch (value.k) {
    case 'unknown':
      return value.source;
    case 'qual':
      return value.name;
    case 'call':
      return `${value.func}(...)`;
    case 'dict':
      return '{...}';
    default:
      return value.k === 'tuple' ? '(...)' : '[...]';
  }
}

/** Where a value came from: its own line when it has one, else the enclosing statement's. */
export function lineOf(value: SourceValue, fallback: number): number {
  if (value !== null && typeof value === 'object' && 'line' in value && typeof value.line === 'number')
    return value.line;
  return fallback;
}

export function unknowable(
  file: string,
  line: number,
  what: string,
  value: SourceValue,
  instead: string,
): UnknowableValue {
  return new UnknowableValue({
    file,
    line: lineOf(value, line),
    message: `${what}: \`${describeSource(value)}\` cannot be known without running the code; ${instead}`,
  });
}

const LITERAL_HINT = 'write a literal value or a module-level constant instead';

/** Plain JSON data of a value; throws `UnknowableValue` for calls, names and computed values. */
export function plainValue(value: SourceValue, file: string, line: number, what: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  switch (value.k) {
    case 'list':
    case 'tuple':
      return value.items.map((item) => plainValue(item, file, line, what));
    case 'dict': {
      const result: Record<string, unknown> = {};
      for (const [key, item] of value.entries) {
        if (typeof key !== 'string') throw unknowable(file, line, `${what} key`, key, 'use string keys');
        result[key] = plainValue(item, file, line, `${what}.${key}`);
      }
      return result;
    }
    default:
      throw unknowable(file, line, what, value, LITERAL_HINT);
  }
}

export function isDict(value: SourceValue): value is { k: 'dict'; entries: [SourceValue, SourceValue][] } {
  return value !== null && typeof value === 'object' && value.k === 'dict';
}

export function dictEntry(value: SourceValue, key: string): SourceValue | undefined {
  if (!isDict(value)) return undefined;
  return value.entries.find(([entryKey]) => entryKey === key)?.[1];
}
