/**
 * Editing TOML text while changing only the lines involved: comments, order, blank lines,
 * quoting, line endings and whitespace elsewhere stay byte for byte. A value is replaced in
 * place; a missing key goes to the end of its table (before trailing blank lines and
 * comments); a missing table is appended as `[a.b]`. Keys inside inline tables are edited by
 * rewriting that one value; paths through arrays of tables are refused (ambiguous). Every
 * result is re-parsed before it is returned.
 */
import { parse } from 'smol-toml';
import { DlthubError } from './errors';
import { parseToml } from './toml';
import { isTomlTable } from './toml-merge';
import type { TomlTable } from './toml-read';
import { isPrefix, scanToml, type TomlHeader, type TomlKeyValue, type TomlScan } from './toml-scan';
import { formatTomlKeyPath, formatTomlValue } from './toml-value';

export interface TomlEditOptions {
  /** File name used in error messages. */
  file?: string;
}

function refuse(
  message: string,
  hint: string,
  options: TomlEditOptions,
  keyPath: readonly string[],
  line?: number,
): never {
  throw new DlthubError('WriteRefused', `${options.file ? `${options.file}: ` : ''}${message}`, {
    hint,
    keyPath: keyPath.join('.'),
    location: options.file ? { file: options.file, line } : undefined,
  });
}

function parseForEdit(text: string, options: TomlEditOptions): TomlTable {
  return parseToml(text, options.file ?? 'the TOML text', {
    hint: (where) => `Fix the syntax at ${where} first; nothing was changed.`,
  });
}

function valueAt(document: TomlTable, path: readonly string[]): { exists: boolean; value: unknown } {
  let current: unknown = document;
  for (const part of path) {
    if (!isTomlTable(current) || !Object.prototype.hasOwnProperty.call(current, part))
      return { exists: false, value: undefined };
    current = current[part];
  }
  return { exists: true, value: current };
}

/** Whether the document defines a value or table at `path`. */
export function hasTomlKey(text: string, path: readonly string[], options: TomlEditOptions = {}): boolean {
  return path.length > 0 && valueAt(parseForEdit(text, options), path).exists;
}

/** Re-parse guard: an edit never returns text that is not valid TOML. */
function verified(text: string, path: readonly string[], options: TomlEditOptions): string {
  try {
    parse(text);
  } catch (cause) {
    throw new DlthubError(
      'WriteRefused',
      `Editing \`${path.join('.')}\` would produce invalid TOML${options.file ? ` in ${options.file}` : ''}; nothing was changed.`,
      {
        hint: 'Edit this key by hand; the file layout is unusual here.',
        keyPath: path.join('.'),
        cause,
      },
    );
  }
  return text;
}

function splice(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

/** Offset where a new line inserted after 0-based line `line` starts (adds a break if the text lacks one). */
function insertLinesAfter(text: string, scan: TomlScan, line: number, newLines: string[]): string {
  const block = newLines.map((newLine) => newLine + scan.eol).join('');
  const nextLineStart = scan.lineStarts[line + 1];
  if (nextLineStart !== undefined) return splice(text, nextLineStart, nextLineStart, block);
  return text + (text.length > 0 && !text.endsWith('\n') ? scan.eol : '') + block;
}

function insertLinesBefore(text: string, scan: TomlScan, line: number, newLines: string[]): string {
  const start = scan.lineStarts[line] ?? text.length;
  return splice(text, start, start, newLines.map((newLine) => newLine + scan.eol).join(''));
}

function headers(scan: TomlScan): TomlHeader[] {
  return scan.entries.filter((entry): entry is TomlHeader => entry.kind !== 'keyValue');
}

function keyValues(scan: TomlScan): TomlKeyValue[] {
  return scan.entries.filter((entry): entry is TomlKeyValue => entry.kind === 'keyValue');
}

/** Key/values written directly under a header (or the root when `header` is null). */
function sectionEntries(scan: TomlScan, header: TomlHeader | null): TomlKeyValue[] {
  const start = header ? scan.entries.indexOf(header) + 1 : 0;
  const section: TomlKeyValue[] = [];
  for (const entry of scan.entries.slice(start)) {
    if (entry.kind !== 'keyValue') break;
    section.push(entry);
  }
  return section;
}

function lastLineOfSection(scan: TomlScan, header: TomlHeader | null): number | null {
  const section = sectionEntries(scan, header);
  const last = section.at(-1);
  if (last) return last.endLine;
  return header ? header.line : null;
}

function isStringLiteralText(text: string, entry: TomlKeyValue): boolean {
  return text[entry.valueStart] === "'" && text.slice(entry.valueStart, entry.valueStart + 3) !== "'''";
}

/** Refuses paths that run through an array (of tables) or a non-table value. */
function checkPathThrough(
  document: TomlTable,
  path: readonly string[],
  options: TomlEditOptions,
  scan: TomlScan,
): void {
  let current: unknown = document;
  for (const [index, part] of path.slice(0, -1).entries()) {
    if (!isTomlTable(current)) break;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return;
    current = current[part];
    const prefix = path.slice(0, index + 1);
    if (Array.isArray(current)) {
      const header = headers(scan).find((entry) => entry.kind === 'arrayTable' && isPrefix(prefix, entry.path));
      refuse(
        `\`${prefix.join('.')}\` is an array${header ? ' of tables' : ''}; which element \`${path.join('.')}\` means is ambiguous.`,
        `Edit \`${path.join('.')}\` by hand${header ? ` (the [[${prefix.join('.')}]] entries start at line ${header.line + 1})` : ''}.`,
        options,
        path,
        header ? header.line + 1 : undefined,
      );
    }
    if (!isTomlTable(current)) {
      refuse(
        `\`${prefix.join('.')}\` holds a value, not a table, so \`${path.join('.')}\` cannot be set.`,
        `Remove \`${prefix.join('.')}\` first if it should become a table.`,
        options,
        path,
      );
    }
  }
}

/** The key/value entry whose value contains `path` (inline table) or is `path` itself. */
function owningEntry(scan: TomlScan, path: readonly string[]): TomlKeyValue | undefined {
  return keyValues(scan).find((entry) => !entry.inArrayTable && isPrefix(entry.path, path));
}

function setInside(container: unknown, relative: readonly string[], value: unknown): unknown {
  const clone = JSON.parse(JSON.stringify(container)) as Record<string, unknown>;
  let current = clone;
  for (const part of relative.slice(0, -1)) {
    if (!isTomlTable(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  const leaf = relative.at(-1);
  if (leaf === undefined) return clone;
  if (value === undefined) delete current[leaf];
  else current[leaf] = value;
  return clone;
}

function setLeaf(text: string, path: readonly string[], value: unknown, options: TomlEditOptions): string {
  const document = parseForEdit(text, options);
  const scan = scanToml(text);
  checkPathThrough(document, path, options, scan);
  const existing = valueAt(document, path);

  const owner = owningEntry(scan, path);
  if (owner) {
    const current = valueAt(document, owner.path).value;
    if (owner.path.length === path.length) {
      const literal = typeof value === 'string' && isStringLiteralText(text, owner);
      return splice(text, owner.valueStart, owner.valueEnd, formatTomlValue(value, { literalStrings: literal }));
    }
    // The path runs into an inline table: rewrite that one value.
    const updated = setInside(current, path.slice(owner.path.length), value);
    return splice(text, owner.valueStart, owner.valueEnd, formatTomlValue(updated));
  }
  if (existing.exists && isTomlTable(existing.value)) {
    refuse(
      `\`${path.join('.')}\` is a table; it cannot be replaced by a single value.`,
      `Remove [${path.join('.')}] first, or set the keys inside it.`,
      options,
      path,
    );
  }
  if (headers(scan).some((header) => header.kind === 'arrayTable' && isPrefix(header.path, path))) {
    refuse(
      `\`${path.join('.')}\` is inside an array of tables; which element is meant is ambiguous.`,
      'Edit it by hand.',
      options,
      path,
    );
  }

  const table = path.slice(0, -1);
  const key = path.at(-1);
  if (key === undefined) return refuse('An empty key path names no value.', 'Name a key.', options, path);
  const line = (relativeKey: readonly string[]) => `${formatTomlKeyPath(relativeKey)} = ${formatTomlValue(value)}`;

  // 1. The table has its own [header]: append at the end of its section.
  const header = headers(scan).find(
    (entry) => entry.kind === 'table' && entry.path.length === table.length && isPrefix(entry.path, table),
  );
  if (header) return insertLinesAfter(text, scan, lastLineOfSection(scan, header)!, [line([key])]);

  // 2. The table (or an ancestor of it) was made by dotted keys in some section: add a dotted key next to them.
  const dottedSibling = keyValues(scan)
    .filter((entry) => !entry.inArrayTable && entry.key.length > 1)
    .filter((entry) => {
      for (let length = entry.table.length + 1; length <= table.length; length++) {
        if (isPrefix(table.slice(0, length), entry.path) && length < entry.path.length) return true;
      }
      return false;
    })
    .pop();
  if (dottedSibling) {
    return insertLinesAfter(text, scan, dottedSibling.endLine, [line(path.slice(dottedSibling.table.length))]);
  }

  // 3. A root key: after the last root key, or before the first table (and the comments attached to it).
  if (table.length === 0) {
    const lastRootLine = lastLineOfSection(scan, null);
    if (lastRootLine !== null) return insertLinesAfter(text, scan, lastRootLine, [line([key])]);
    const firstHeader = headers(scan)[0];
    if (!firstHeader) return insertLinesAfter(text, scan, scan.lineStarts.length - 1, [line([key])]);
    let insertAt = firstHeader.line;
    while (
      insertAt > 0 &&
      text
        .slice(scan.lineStarts[insertAt - 1], scan.lineStarts[insertAt])
        .trimStart()
        .startsWith('#')
    )
      insertAt--;
    return insertLinesBefore(text, scan, insertAt, [line([key]), '']);
  }

  // 4. A new [table] at the end of the document, separated by a blank line.
  return appendBlock(text, scan, [`[${formatTomlKeyPath(table)}]`, line([key])]);
}

/** Appends lines at the end of the document, one blank line after the last non-blank line. */
function appendBlock(text: string, scan: TomlScan, block: string[]): string {
  const lines = block.map((newLine) => newLine + scan.eol).join('');
  const trimmedEnd = text.replace(/[ \t\r\n]*$/, '');
  if (trimmedEnd.length === 0) return lines;
  const breaks = (text.slice(trimmedEnd.length).match(/\n/g) ?? []).length;
  const separator = breaks >= 2 ? '' : breaks === 1 ? scan.eol : scan.eol + scan.eol;
  return text + separator + lines;
}

function setTable(
  text: string,
  path: readonly string[],
  value: Record<string, unknown>,
  options: TomlEditOptions,
): string {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) {
    if (valueAt(parseForEdit(text, options), path).exists) return text;
    return appendBlock(text, scanToml(text), [`[${formatTomlKeyPath(path)}]`]);
  }
  let result = text;
  for (const [key, item] of entries) result = setTomlValueUnchecked(result, [...path, key], item, options);
  return result;
}

function setTomlValueUnchecked(
  text: string,
  path: readonly string[],
  value: unknown,
  options: TomlEditOptions,
): string {
  if (isTomlTable(value)) {
    const document = parseForEdit(text, options);
    const existing = valueAt(document, path);
    const scan = scanToml(text);
    const definedInline = owningEntry(scan, path);
    if (!definedInline && (!existing.exists || isTomlTable(existing.value)))
      return setTable(text, path, value, options);
  }
  return setLeaf(text, path, value, options);
}

/**
 * Sets `path` to `value`, changing only the lines involved. Plain objects become tables
 * (`[a.b]` with one line per key) unless the path already holds an inline table.
 */
export function setTomlValue(
  text: string,
  path: readonly string[],
  value: unknown,
  options: TomlEditOptions = {},
): string {
  if (path.length === 0) throw new DlthubError('Usage', 'setTomlValue needs a non-empty key path.');
  return verified(setTomlValueUnchecked(text, path, value, options), path, options);
}

function removeLineRanges(text: string, scan: TomlScan, ranges: [number, number][]): string {
  const lines = new Set<number>();
  for (const [first, last] of ranges) for (let line = first; line <= last; line++) lines.add(line);
  let result = '';
  for (let line = 0; line < scan.lineStarts.length; line++) {
    if (lines.has(line)) continue;
    result += text.slice(scan.lineStarts[line], scan.lineStarts[line + 1] ?? text.length);
  }
  return result;
}

/** Removes the key or table at `path` (with its sub-tables); text without it is returned unchanged. */
export function removeTomlKey(text: string, path: readonly string[], options: TomlEditOptions = {}): string {
  if (path.length === 0) throw new DlthubError('Usage', 'removeTomlKey needs a non-empty key path.');
  const document = parseForEdit(text, options);
  const scan = scanToml(text);
  checkPathThrough(document, path, options, scan);
  if (!valueAt(document, path).exists) return text;

  const owner = owningEntry(scan, path);
  if (owner && owner.path.length < path.length) {
    const current = valueAt(document, owner.path).value;
    const updated = setInside(current, path.slice(owner.path.length), undefined);
    return verified(splice(text, owner.valueStart, owner.valueEnd, formatTomlValue(updated)), path, options);
  }

  const ranges: [number, number][] = [];
  for (const header of headers(scan)) {
    if (isPrefix(path, header.path)) ranges.push([header.line, lastLineOfSection(scan, header)!]);
  }
  for (const entry of keyValues(scan)) {
    if (isPrefix(path, entry.path)) ranges.push([entry.startLine, entry.endLine]);
  }
  return verified(removeLineRanges(text, scan, ranges), path, options);
}
