/** Value comparison as FORMAT.md defines it: JSON deep equality, numbers by value, objects without key order. */

export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function jsonEqual(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return expected === actual;
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object')
    return expected === actual;
  if (Array.isArray(expected) !== Array.isArray(actual)) return false;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((item, index) => jsonEqual(item, actual[index]));
  }
  const expectedKeys = Object.keys(expected).sort();
  const actualKeys = Object.keys(actual).sort();
  return (
    expectedKeys.length === actualKeys.length &&
    expectedKeys.every(
      (key, index) =>
        key === actualKeys[index] &&
        jsonEqual((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key]),
    )
  );
}

export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
