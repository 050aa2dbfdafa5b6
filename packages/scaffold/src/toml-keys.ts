/**
 * The two TOML operations the scaffolders need: "is this key there?" and "add this key, touching
 * nothing else". Scaffolders never change an existing value, so adding is all they ever write.
 */
import { parse, TomlError } from 'smol-toml';
import { DlthubError } from '@dlthub/config-core';

export type TomlScalar = string | number | boolean;

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const firstLine = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      throw new DlthubError('TomlProviderRead', `${file}:${error.line}:${error.column}: ${firstLine}`, {
        location: { file, line: error.line, column: error.column },
        hint: `Fix the TOML syntax in ${file} and run the command again.`,
      });
    }
    throw error;
  }
}

export function hasTomlPath(text: string, keyPath: readonly string[], file: string): boolean {
  let node: unknown = parseToml(text, file);
  for (const part of keyPath) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function tomlKey(part: string): string {
  return BARE_KEY.test(part) ? part : JSON.stringify(part);
}

export function tomlValue(value: TomlScalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `[a.b]` or `[ a . "b" ]` → ['a', 'b']; null for non-headers and `[[arrays]]`. */
function headerPath(line: string): string[] | null {
  const match = /^\s*\[([^[\]]+)\]\s*(#.*)?$/.exec(line);
  if (!match) return null;
  const parts: string[] = [];
  const pattern = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(\.|$)/y;
  const body = match[1] ?? '';
  let position = 0;
  while (position < body.length) {
    pattern.lastIndex = position;
    const part = pattern.exec(body);
    if (!part) return null;
    const raw = part[1] ?? '';
    parts.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.startsWith("'") ? raw.slice(1, -1) : raw);
    position = pattern.lastIndex;
  }
  return parts;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/**
 * Adds `keyPath = value` to `text`: under the existing `[table]` header after its last key line, or as a
 * new table at the end. Every other byte is kept. `comment` becomes an inline comment (dlt's `# fill this in!`).
 * The result is parsed back; an edit that would not land the key exactly is refused, never written.
 */
export function addTomlKey(text: string, keyPath: readonly string[], value: TomlScalar, file: string, comment?: string): string {
  if (hasTomlPath(text, keyPath, file)) return text;
  const table = keyPath.slice(0, -1);
  const key = keyPath[keyPath.length - 1] ?? '';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const keyLine = `${tomlKey(key)} = ${tomlValue(value)}${comment ? `  # ${comment}` : ''}`;
  const lines = text.split(/\r?\n/);
  let result: string;
  const headerIndex = table.length === 0 ? -1 : lines.findIndex((line) => samePath(headerPath(line) ?? [], table));
  if (table.length === 0) {
    // Root keys must come before the first table header.
    const firstHeader = lines.findIndex((line) => /^\s*\[/.test(line));
    const at = firstHeader === -1 ? lines.length : firstHeader;
    let insertAt = at;
    while (insertAt > 0 && (lines[insertAt - 1] ?? '').trim() === '') insertAt--;
    lines.splice(insertAt, 0, keyLine);
    result = lines.join(newline);
  } else if (headerIndex !== -1) {
    let end = headerIndex + 1;
    while (end < lines.length && !/^\s*\[/.test(lines[end] ?? '')) end++;
    // After the last key line of the table, so trailing comments and blank lines stay before the next table.
    let insertAt = end;
    while (insertAt > headerIndex + 1 && !/^\s*[^\s#]/.test(lines[insertAt - 1] ?? '')) insertAt--;
    lines.splice(insertAt, 0, keyLine);
    result = lines.join(newline);
  } else {
    const header = `[${table.map(tomlKey).join('.')}]`;
    const trimmed = text.replace(/(\r?\n)+$/, '');
    const body = trimmed === '' ? '' : `${trimmed}${newline}${newline}`;
    result = `${body}${header}${newline}${keyLine}${newline}`;
  }
  let parsed: boolean;
  try {
    parsed = hasTomlPath(result, keyPath, file);
  } catch {
    parsed = false;
  }
  if (!parsed) {
    throw new DlthubError('WriteRefused', `Could not add ${keyPath.join('.')} to ${file} without rewriting other lines.`, {
      keyPath: keyPath.join('.'),
      location: { file },
      hint: `Add \`${keyLine}\` under [${table.join('.')}] in ${file} by hand.`,
    });
  }
  return result;
}
