/**
 * Reading one TOML file of a family with errors that name the file: syntax errors carry line
 * and column (dlt only lists the candidate paths; we say which file is bad), and so do files
 * that are not UTF-8, directories where a file is expected, FIFOs, dangling links and
 * unreadable files. A missing file is simply absent.
 */
// Named imports: called once per file per open, without the namespace object's getters.
import { lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { DlthubError } from './errors';
import { parseToml, type TomlTable } from './toml';
import type { TomlFileInfo } from './types';

export type { TomlTable } from './toml';

export interface ParsedTomlFile {
  info: TomlFileInfo;
  text: string;
  document: TomlTable;
}

/** dlt's provider name for a family: `config.toml` / `secrets.toml`. */
export function familyProviderName(family: TomlFileInfo['family']): 'config.toml' | 'secrets.toml' {
  return family === 'config' ? 'config.toml' : 'secrets.toml';
}

function readError(
  info: TomlFileInfo,
  problem: string,
  hint: string,
  extra: { line?: number; column?: number; cause?: unknown } = {},
) {
  const provider = familyProviderName(info.family);
  const where = extra.line !== undefined ? `${info.displayPath}:${extra.line}:${extra.column ?? 1}` : info.displayPath;
  return new DlthubError('TomlProviderRead', `Cannot read ${provider} file ${where}: ${problem}`, {
    hint,
    provider,
    location: { file: info.displayPath, line: extra.line, column: extra.column },
    cause: extra.cause,
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(info: TomlFileInfo, bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    const lossy = bytes.toString('utf8');
    const badIndex = lossy.indexOf('\uFFFD');
    const before = badIndex < 0 ? '' : lossy.slice(0, badIndex);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw readError(
      info,
      'the file is not valid UTF-8',
      `Re-save ${info.displayPath} as UTF-8 (TOML files must be UTF-8).`,
      {
        line,
        column,
        cause,
      },
    );
  }
}

/** Text of a TOML file, or null when it does not exist. Throws a typed error for anything else. */
export function readTomlText(info: TomlFileInfo): string | null {
  let linkStat: Stats | undefined;
  try {
    // A missing file is the common case: no exception for it (they are costly to build).
    linkStat = lstatSync(info.path, { throwIfNoEntry: false });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT' || (cause as NodeJS.ErrnoException).code === 'ENOTDIR')
      return null;
    throw readError(
      info,
      `cannot inspect the file (${(cause as NodeJS.ErrnoException).code})`,
      'Check the permissions of the .dlt folder.',
      { cause },
    );
  }
  if (linkStat === undefined) return null;
  let stat = linkStat;
  if (linkStat.isSymbolicLink()) {
    try {
      stat = statSync(info.path);
    } catch (cause) {
      throw readError(
        info,
        `it is a symbolic link whose target cannot be reached (${(cause as NodeJS.ErrnoException).code})`,
        `Point the link at an existing file or remove ${info.displayPath}.`,
        { cause },
      );
    }
  }
  if (stat.isDirectory()) {
    throw readError(
      info,
      'it is a directory, a file was expected',
      `Remove or rename the directory ${info.displayPath}.`,
    );
  }
  if (!stat.isFile()) {
    // A FIFO or device would block or stream forever; dlt only reads regular files.
    throw readError(info, 'it is not a regular file', `Replace ${info.displayPath} with a regular TOML file.`);
  }
  let text: string;
  try {
    text = readFileSync(info.path, 'utf8');
  } catch (cause) {
    throw readError(
      info,
      `the file cannot be read (${(cause as NodeJS.ErrnoException).code})`,
      `Make ${info.displayPath} readable by the current user.`,
      {
        cause,
      },
    );
  }
  // Invalid bytes decode to U+FFFD: only a text that has one is checked strictly (and named if bad).
  if (text.includes('\uFFFD')) return decodeUtf8(info, readFileSync(info.path));
  // The strict decoder drops a byte-order mark; so does this path.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseTomlText(info: TomlFileInfo, text: string): TomlTable {
  return parseToml(text, info.displayPath, { provider: familyProviderName(info.family) });
}

/** Reads and parses one file; null when absent. */
export function readTomlFile(info: TomlFileInfo): ParsedTomlFile | null {
  const text = readTomlText(info);
  if (text === null) return null;
  return { info, text, document: parseTomlText(info, text) };
}
