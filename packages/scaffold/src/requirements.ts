/**
 * Python requirements as text: PEP 508 names and extras, and merging wanted requirements into a
 * requirements.txt or a pyproject.toml `[project] dependencies` array without touching anything else.
 *
 * Merge rule (dlt init's "add the dlt extra"): a wanted requirement whose project is already listed only
 * adds its missing extras to that entry, keeping the entry's version range and marker; any other is appended.
 */
import { parseToml } from '@dlthub/config-core/toml';

/** PEP 508 distribution name (the start of a requirement). */
const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

export interface Requirement {
  /** Name as written. */
  name: string;
  /** PEP 503 normalized name: `Foo_Bar` → `foo-bar`. */
  key: string;
  /** Extras as written. */
  extras: string[];
  /** Extras, normalized (for comparison). */
  extraKeys: string[];
  /** Offset of the end of the name, and of the extras bracket when present (where extras go). */
  nameEnd: number;
  extrasSpan: [number, number] | null;
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Name and extras of a PEP 508 requirement string; null when it does not start with a valid name. */
export function parseRequirement(text: string): Requirement | null {
  const match = NAME.exec(text);
  if (!match?.[1]) return null;
  const name = match[1];
  const nameEnd = match[0].length;
  const extrasMatch = /^\s*\[([^\]]*)\]/.exec(text.slice(nameEnd));
  let extras: string[] = [];
  let extrasSpan: [number, number] | null = null;
  if (extrasMatch) {
    const open = nameEnd + extrasMatch[0].indexOf('[');
    extrasSpan = [open, nameEnd + extrasMatch[0].length];
    extras = (extrasMatch[1] ?? '')
      .split(',')
      .map((extra) => extra.trim())
      .filter(Boolean);
  }
  return { name, key: normalizeName(name), extras, extraKeys: extras.map(normalizeName), nameEnd, extrasSpan };
}

/** `requirement` with `extras` added to its bracket (created after the name when absent). */
export function withExtras(text: string, requirement: Requirement, extras: readonly string[]): string {
  if (extras.length === 0) return text;
  if (requirement.extrasSpan) {
    const [open, close] = requirement.extrasSpan;
    const inner = text.slice(open + 1, close - 1).trim();
    const merged = [inner, ...extras].filter(Boolean).join(',');
    return `${text.slice(0, open)}[${merged}]${text.slice(close)}`;
  }
  return `${text.slice(0, requirement.nameEnd)}[${extras.join(',')}]${text.slice(requirement.nameEnd)}`;
}

export type RequirementEdit =
  { kind: 'extend'; index: number; text: string; added: string[] } | { kind: 'append'; text: string };

/**
 * What to change in a list of existing requirement strings so every wanted one is satisfied.
 * Wanted requirements of the same project are combined first (`dlt[postgres]` + `dlt[sql_database]`).
 */
export function planRequirementEdits(existing: readonly string[], wanted: readonly string[]): RequirementEdit[] {
  const current = existing.map((text) => ({ text, parsed: parseRequirement(text), added: [] as string[] }));
  for (const want of wanted) {
    const wantParsed = parseRequirement(want);
    if (!wantParsed) continue;
    const entry = current.find((candidate) => candidate.parsed?.key === wantParsed.key);
    if (!entry?.parsed) {
      current.push({ text: want, parsed: wantParsed, added: [] });
      continue;
    }
    const missing = wantParsed.extras.filter((extra) => !entry.parsed?.extraKeys.includes(normalizeName(extra)));
    if (missing.length === 0) continue;
    entry.text = withExtras(entry.text, entry.parsed, missing);
    entry.parsed = parseRequirement(entry.text);
    entry.added.push(...missing);
  }
  return current.flatMap((entry, index): RequirementEdit[] => {
    if (index >= existing.length) return [{ kind: 'append', text: entry.text }];
    return entry.added.length > 0 ? [{ kind: 'extend', index, text: entry.text, added: entry.added }] : [];
  });
}

/** Wanted requirements the existing list does not satisfy (name present with all extras). */
export function missingRequirements(existing: readonly string[], wanted: readonly string[]): string[] {
  const parsed = existing.map(parseRequirement).filter((entry): entry is Requirement => entry !== null);
  return wanted.filter((want) => {
    const wantParsed = parseRequirement(want);
    if (!wantParsed) return false;
    const extras = new Set(parsed.filter((entry) => entry.key === wantParsed.key).flatMap((entry) => entry.extraKeys));
    const listed = parsed.some((entry) => entry.key === wantParsed.key);
    return !listed || wantParsed.extraKeys.some((extra) => !extras.has(extra));
  });
}

// ---------------------------------------------------------------------------------------------------
// requirements.txt

interface RequirementLine {
  line: number;
  /** The requirement part of the line (before an inline comment). */
  text: string;
}

function requirementLines(text: string): { lines: string[]; requirements: RequirementLine[] } {
  const lines = text.split('\n');
  const requirements: RequirementLine[] = [];
  lines.forEach((raw, line) => {
    const body = raw.replace(/\r$/, '');
    const trimmed = body.trim();
    // Comments, options (-r, -e, --index-url) and URLs are not ours to edit.
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('-')) return;
    const commentAt = body.search(/\s#/);
    requirements.push({ line, text: commentAt === -1 ? body : body.slice(0, commentAt) });
  });
  return { lines, requirements };
}

export function readRequirementsTxt(text: string): string[] {
  return requirementLines(text).requirements.map((entry) => entry.text.trim());
}

/** The file with the wanted requirements merged in, or null when nothing is missing. */
export function mergeRequirementsTxt(text: string, wanted: readonly string[]): string | null {
  const { lines, requirements } = requirementLines(text);
  const edits = planRequirementEdits(
    requirements.map((entry) => entry.text.trim()),
    wanted,
  );
  if (edits.length === 0) return null;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  for (const edit of edits) {
    if (edit.kind !== 'extend') continue;
    const target = requirements[edit.index];
    if (!target) continue;
    const original = lines[target.line] ?? '';
    const trimmedText = target.text.trim();
    lines[target.line] = original.replace(trimmedText, edit.text);
  }
  let result = lines.join('\n');
  const appended = edits.filter((edit) => edit.kind === 'append').map((edit) => edit.text);
  if (appended.length > 0) {
    if (result !== '' && !result.endsWith('\n')) result += newline;
    result += appended.map((entry) => `${entry}${newline}`).join('');
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// pyproject.toml

export type PyprojectMerge = { ok: true; content: string | null } | { ok: false; reason: string };

interface ArrayElement {
  start: number;
  end: number;
  value: string;
  literal: boolean;
}

/** Scans a TOML array of strings starting at `open` ('['); null when it holds anything but strings. */
function scanStringArray(text: string, open: number): { elements: ArrayElement[]; close: number } | null {
  const elements: ArrayElement[] = [];
  let index = open + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === ']') return { elements, close: index };
    if (char === '#') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
      continue;
    }
    if (char === ',' || char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      const triple = text.startsWith(char.repeat(3), index);
      if (triple) return null; // multi-line strings in dependencies: leave such a file alone
      let end = index + 1;
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\n') return null;
        end += char === '"' && text[end] === '\\' ? 2 : 1;
      }
      if (end >= text.length) return null;
      const raw = text.slice(index, end + 1);
      const value = char === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      elements.push({ start: index, end: end + 1, value, literal: char === "'" });
      index = end + 1;
      continue;
    }
    return null;
  }
  return null;
}

function tomlBasicString(value: string): string {
  return JSON.stringify(value);
}

/** The `[project]` table's span: from after its header to the next table header (or the end). */
function projectTableSpan(text: string): { start: number; end: number } | null {
  const header = /^[ \t]*\[[ \t]*project[ \t]*\][ \t]*(#[^\n]*)?$/m.exec(text);
  if (!header) return null;
  const start = header.index + header[0].length;
  const next = /^[ \t]*\[/m.exec(text.slice(start));
  return { start, end: next ? start + next.index : text.length };
}

/** Reads `[project] dependencies` with a TOML parser; the file's syntax errors surface here. */
export function readPyprojectDependencies(text: string): string[] | null {
  const document = parseToml(text, 'pyproject.toml') as { project?: { dependencies?: unknown; dynamic?: unknown } };
  // No [project] table (e.g. Poetry's [tool.poetry]) or dynamic dependencies: not readable here.
  if (!document.project) return null;
  if (Array.isArray(document.project.dynamic) && document.project.dynamic.includes('dependencies')) return null;
  const dependencies = document.project.dependencies ?? [];
  return Array.isArray(dependencies)
    ? dependencies.filter((entry): entry is string => typeof entry === 'string')
    : null;
}

/**
 * Merges the wanted requirements into `[project] dependencies`, editing only the array's elements.
 * `content: null` = nothing missing. Not ok when the file has no `[project]` table or declares its
 * dependencies dynamically or in a form this editor does not rewrite (the caller tells the user what to add).
 */
export function mergePyprojectDependencies(text: string, wanted: readonly string[]): PyprojectMerge {
  let document: { project?: { dependencies?: unknown; dynamic?: unknown } };
  try {
    document = parseToml(text, 'pyproject.toml');
  } catch (error) {
    return { ok: false, reason: `it is not valid TOML (${(error as Error).message})` };
  }
  if (!document.project) return { ok: false, reason: 'it has no [project] table' };
  if (Array.isArray(document.project.dynamic) && document.project.dynamic.includes('dependencies')) {
    return { ok: false, reason: 'its dependencies are dynamic' };
  }
  const span = projectTableSpan(text);
  if (!span) return { ok: false, reason: 'its [project] table is not written as a [project] section' };
  const table = text.slice(span.start, span.end);
  const key = /^([ \t]*)dependencies[ \t]*=[ \t]*\[/m.exec(table);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';

  if (!key) {
    if (document.project.dependencies !== undefined) return { ok: false, reason: 'its dependencies use another form' };
    const edits = planRequirementEdits([], wanted);
    if (edits.length === 0) return { ok: true, content: null };
    // Insert after the table's last non-blank line.
    const body = table.replace(/\s+$/, '');
    const insertAt = span.start + body.length;
    const block = ['dependencies = [', ...edits.map((edit) => `    ${tomlBasicString(edit.text)},`), ']'].join(newline);
    return { ok: true, content: `${text.slice(0, insertAt)}${newline}${block}${text.slice(insertAt)}` };
  }

  const open = span.start + key.index + key[0].length - 1;
  const array = scanStringArray(text, open);
  if (!array) return { ok: false, reason: 'its dependencies array holds more than plain strings' };
  const edits = planRequirementEdits(
    array.elements.map((element) => element.value),
    wanted,
  );
  if (edits.length === 0) return { ok: true, content: null };

  // Apply from the end of the file backwards so earlier offsets stay valid.
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  for (const edit of edits) {
    if (edit.kind !== 'extend') continue;
    const element = array.elements[edit.index];
    if (!element) continue;
    const quoted = element.literal && !edit.text.includes("'") ? `'${edit.text}'` : tomlBasicString(edit.text);
    replacements.push({ start: element.start, end: element.end, text: quoted });
  }
  const appended = edits.filter((edit) => edit.kind === 'append').map((edit) => tomlBasicString(edit.text));
  if (appended.length > 0) {
    const inner = text.slice(open + 1, array.close);
    const last = array.elements[array.elements.length - 1];
    if (!inner.includes('\n')) {
      // One-line array: `["a", "b"]` → `["a", "b", "c"]`.
      const prefix = last ? (/,\s*$/.test(inner) ? ' ' : ', ') : '';
      const at = last ? last.end + (text.slice(last.end, array.close).match(/^\s*,?/)?.[0].length ?? 0) : open + 1;
      replacements.push({ start: at, end: at, text: `${prefix}${appended.join(', ')}` });
    } else {
      // Multi-line: one element per line, indented like the last one, before the closing bracket's line.
      const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
      const indent = last ? (/^[ \t]*/.exec(text.slice(lineStart(last.start)))?.[0] ?? '    ') : '    ';
      const hasComma = last ? /^\s*,/.test(text.slice(last.end, array.close)) : true;
      const closeLine = lineStart(array.close);
      if (text.slice(closeLine, array.close).trim() === '') {
        // `]` alone on its line: the new lines go just before it.
        if (!hasComma && last) replacements.push({ start: last.end, end: last.end, text: ',' });
        const lines = appended.map((entry) => `${indent}${entry},${newline}`).join('');
        replacements.push({ start: closeLine, end: closeLine, text: lines });
      } else {
        // `"a"]` or `"a",]`: continue after the last element, the bracket stays where it is.
        const at = hasComma || !last ? array.close : last.end;
        const lead = hasComma || !last ? '' : ',';
        replacements.push({
          start: at,
          end: at,
          text: `${lead}${newline}${indent}${appended.join(`,${newline}${indent}`)}`,
        });
      }
    }
  }
  replacements.sort((a, b) => b.start - a.start);
  let content = text;
  for (const replacement of replacements) {
    content = `${content.slice(0, replacement.start)}${replacement.text}${content.slice(replacement.end)}`;
  }
  return { ok: true, content };
}

/**
 * A valid PEP 508 / PEP 621 project name from a free-form workspace name (`"My Shop"` → `my-shop`):
 * lower case, runs of other characters become one `-`, no leading or trailing punctuation.
 */
export function pythonProjectName(name: string): string {
  const normalized = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return normalized === '' ? 'dlthub-workspace' : normalized;
}
