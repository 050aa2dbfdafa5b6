/** Serializing values and keys as TOML text (for edits that write one line at a time). */
import { DlthubError } from './errors';
import { isTomlTable } from './toml-merge';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function formatTomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : formatBasicString(key);
}

export function formatTomlKeyPath(path: readonly string[]): string {
  return path.map(formatTomlKey).join('.');
}

export function formatBasicString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += char;
  }
  return `${out}"`;
}

/** A literal string `'…'` when the text allows one (no quote, no control characters). */
export function canBeLiteralString(text: string): boolean {
  return !/['\u0000-\u0008\u000A-\u001F\u007F]/.test(text);
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** One TOML value on one line (arrays and tables inline). */
export function formatTomlValue(value: unknown, options: { literalStrings?: boolean } = {}): string {
  if (typeof value === 'string') {
    return options.literalStrings && canBeLiteralString(value) ? `'${value}'` : formatBasicString(value);
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // smol-toml's TomlDate keeps local dates/times; a plain Date is an offset date-time.
    return typeof (value as { toISOString?: () => string }).toISOString === 'function'
      ? value.toISOString()
      : String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => formatTomlValue(item)).join(', ')}]`;
  if (isTomlTable(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([key, item]) => `${formatTomlKey(key)} = ${formatTomlValue(item)}`).join(', ')} }`;
  }
  throw new DlthubError(
    'InvalidConfigValue',
    `Cannot write ${value === null ? 'null' : typeof value} as a TOML value (TOML has no null).`,
    {
      hint: 'Remove the key instead of setting it to null.',
    },
  );
}
