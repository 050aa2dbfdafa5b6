/**
 * A light structural scan of TOML text: where each table header and each key/value sits
 * (line ranges and character offsets). It does not build values (smol-toml does that); it
 * exists so provenance can name the line of a key and so edits can touch only the lines
 * involved. Input is expected to be valid TOML (callers parse with smol-toml first).
 */

export interface TomlHeader {
  kind: 'table' | 'arrayTable';
  path: string[];
  /** 0-based line of the header. */
  line: number;
  /** Offsets of the whole header line (start of line, end before the line break). */
  lineStart: number;
  lineEnd: number;
}

export interface TomlKeyValue {
  kind: 'keyValue';
  /** Path of the enclosing `[table]` (or `[[array]]`), [] for the root table. */
  table: string[];
  /** The (possibly dotted) key as written, split into parts. */
  key: string[];
  /** table + key. */
  path: string[];
  /** True when the enclosing header is an array of tables (`[[a]]`). */
  inArrayTable: boolean;
  /** 0-based first and last line the entry spans. */
  startLine: number;
  endLine: number;
  /** Offset of the first character of the line where the entry starts. */
  lineStart: number;
  /** Offsets of the value text (end exclusive). */
  valueStart: number;
  valueEnd: number;
  /** Offset just before the line break that ends the entry's last line. */
  lineEnd: number;
}

export type TomlEntry = TomlHeader | TomlKeyValue;

export interface TomlScan {
  entries: TomlEntry[];
  /** Offset of the start of every line (0-based line index). */
  lineStarts: number[];
  /** `\r\n` when the text uses CRLF line endings, else `\n`. */
  eol: string;
}

/** A-Z a-z 0-9 _ - */
function isBareKeyCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45
  );
}

export function detectEol(text: string): string {
  const firstBreak = text.indexOf('\n');
  return firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpaces(): void {
    const text = this.text;
    let pos = this.pos;
    for (let code = text.charCodeAt(pos); code === 32 || code === 9; code = text.charCodeAt(++pos));
    this.pos = pos;
  }

  atLineEnd(): boolean {
    const code = this.text.charCodeAt(this.pos);
    return this.pos >= this.text.length || code === 10 || (code === 13 && this.text.charCodeAt(this.pos + 1) === 10);
  }

  /** Moves to the end of the line (before the break). */
  skipToLineEnd(): void {
    const newline = this.text.indexOf('\n', this.pos);
    const end = newline < 0 ? this.text.length : newline;
    this.pos = end > this.pos && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  skipLineBreak(): void {
    if (this.peek() === '\r') this.pos++;
    if (this.peek() === '\n') this.pos++;
  }

  fail(what: string): never {
    throw new Error(`TOML scan: ${what} at offset ${this.pos}`);
  }

  readKeyPart(): string {
    const quote = this.peek();
    if (quote === '"' || quote === "'") {
      this.pos++;
      let raw = '';
      while (!this.atEnd() && this.peek() !== quote) {
        if (quote === '"' && this.peek() === '\\') {
          raw += this.text.slice(this.pos, this.pos + 2);
          this.pos += 2;
          continue;
        }
        raw += this.peek();
        this.pos++;
      }
      if (this.atEnd()) this.fail('unterminated quoted key');
      this.pos++;
      return quote === '"' ? unescapeBasic(raw) : raw;
    }
    const start = this.pos;
    const text = this.text;
    let pos = start;
    for (let code = text.charCodeAt(pos); isBareKeyCode(code); code = text.charCodeAt(++pos));
    this.pos = pos;
    if (start === pos) this.fail('expected a key');
    return text.slice(start, pos);
  }

  readKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      parts.push(this.readKeyPart());
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  /** Skips one string starting at pos; handles the four TOML string kinds. */
  skipString(): void {
    const quote = this.peek();
    const triple = this.peek(1) === quote && this.peek(2) === quote;
    if (triple) {
      this.pos += 3;
      for (;;) {
        if (this.atEnd()) this.fail('unterminated multi-line string');
        if (quote === '"' && this.peek() === '\\') {
          this.pos += 2;
          continue;
        }
        if (this.peek() === quote && this.peek(1) === quote && this.peek(2) === quote) {
          this.pos += 3;
          // Up to two more quotes may close the string as content ("""a"""" is valid).
          let extra = 0;
          while (extra < 2 && this.peek() === quote) {
            this.pos++;
            extra++;
          }
          return;
        }
        this.pos++;
      }
    }
    let pos = this.pos + 1;
    for (;;) {
      const close = this.text.indexOf(quote, pos);
      if (close < 0) this.fail('unterminated string');
      if (quote === "'") {
        this.pos = close + 1;
        return;
      }
      // The quote is escaped when an odd number of backslashes precede it.
      let backslashes = 0;
      while (this.text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      pos = close + 1;
      if (backslashes % 2 === 0) {
        this.pos = pos;
        return;
      }
    }
  }

  /** Skips a value; returns its end offset (exclusive, trailing spaces trimmed). */
  skipValue(): number {
    const first = this.peek();
    if (first === '"' || first === "'") {
      this.skipString();
      return this.pos;
    }
    if (first === '[' || first === '{') {
      let depth = 0;
      do {
        const char = this.peek();
        if (this.atEnd()) this.fail('unterminated array or inline table');
        if (char === '"' || char === "'") {
          this.skipString();
          continue;
        }
        if (char === '#') {
          this.skipToLineEnd();
          continue;
        }
        if (char === '[' || char === '{') depth++;
        if (char === ']' || char === '}') depth--;
        this.pos++;
      } while (depth > 0);
      return this.pos;
    }
    // Scalars (numbers, booleans, dates with a space between date and time) end at a comment or the line end.
    const start = this.pos;
    this.skipToLineEnd();
    const comment = this.text.indexOf('#', start);
    if (comment >= 0 && comment < this.pos) this.pos = comment;
    let end = this.pos;
    while (end > start && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
    return end;
  }
}

function unescapeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_match, code: string) => {
    switch (code[0]) {
      case 'b':
        return '\b';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'f':
        return '\f';
      case 'r':
        return '\r';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(code.slice(1), 16));
      default:
        return code;
    }
  });
}

export function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) starts.push(index + 1);
  }
  return starts;
}

export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function scanToml(text: string): TomlScan {
  const lineStarts = computeLineStarts(text);
  const scanner = new Scanner(text);
  const entries: TomlEntry[] = [];
  let table: string[] = [];
  let inArrayTable = false;
  const arrayTablePaths: string[][] = [];
  // Skip a UTF-8 BOM if present.
  if (text.charCodeAt(0) === 0xfeff) scanner.pos = 1;
  while (!scanner.atEnd()) {
    const lineStart = scanner.pos;
    scanner.skipSpaces();
    const char = scanner.peek();
    if (scanner.atLineEnd() || char === '#') {
      scanner.skipToLineEnd();
      scanner.skipLineBreak();
      continue;
    }
    if (char === '[') {
      const isArray = scanner.peek(1) === '[';
      scanner.pos += isArray ? 2 : 1;
      const path = scanner.readKey();
      scanner.pos += isArray ? 2 : 1;
      scanner.skipToLineEnd();
      const line = lineOfOffset(lineStarts, lineStart);
      entries.push({ kind: isArray ? 'arrayTable' : 'table', path, line, lineStart, lineEnd: scanner.pos });
      table = path;
      if (isArray) arrayTablePaths.push(path);
      // `[a.b]` after `[[a]]` belongs to the last element of `a`: still inside an array of tables.
      inArrayTable = arrayTablePaths.some((arrayPath) => isPrefix(arrayPath, path));
      scanner.skipLineBreak();
      continue;
    }
    const key = scanner.readKey();
    if (scanner.peek() !== '=') scanner.fail('expected "="');
    scanner.pos++;
    scanner.skipSpaces();
    const valueStart = scanner.pos;
    const valueEnd = scanner.skipValue();
    scanner.skipToLineEnd();
    entries.push({
      kind: 'keyValue',
      table,
      key,
      path: [...table, ...key],
      inArrayTable,
      startLine: lineOfOffset(lineStarts, lineStart),
      endLine: lineOfOffset(lineStarts, scanner.pos),
      lineStart,
      valueStart,
      valueEnd,
      lineEnd: scanner.pos,
    });
    scanner.skipLineBreak();
  }
  return { entries, lineStarts, eol: detectEol(text) };
}
