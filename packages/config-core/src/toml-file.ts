/**
 * Read-edit-write of one TOML file: the edit runs on the current text (or "" for a new file),
 * the result must parse, an unchanged result writes nothing, and the write is atomic.
 * Secrets files (`secrets.toml`, `<profile>.secrets.toml`) are written 0600.
 */
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { isSecretsFile, writeFileAtomic } from './atomic-write';
import { DlthubError } from './errors';
import { readTomlText } from './toml-read';

export interface UpdateTomlOptions {
  /** Force 0600 (secrets); defaults to `isSecretsFile(filePath)`. */
  secret?: boolean;
  /** Name shown in errors; defaults to the path. */
  displayPath?: string;
}

export interface UpdateTomlResult {
  path: string;
  changed: boolean;
  created: boolean;
}

export function updateTomlFile(
  filePath: string,
  edit: (text: string) => string,
  options: UpdateTomlOptions = {},
): UpdateTomlResult {
  const secret = options.secret ?? isSecretsFile(filePath);
  const displayPath = options.displayPath ?? filePath;
  const current = readTomlText({
    family: secret ? 'secrets' : 'config',
    location: 'project',
    profile: null,
    path: path.resolve(filePath),
    displayPath,
    exists: true,
  });
  const before = current ?? '';
  const after = edit(before);
  if (after === before && current !== null) return { path: filePath, changed: false, created: false };
  try {
    parse(after);
  } catch (cause) {
    throw new DlthubError('WriteRefused', `Refusing to write ${displayPath}: the edited text is not valid TOML.`, {
      hint: 'This is a bug in the edit; the file was left as it was.',
      location: { file: displayPath },
      cause,
    });
  }
  writeFileAtomic(filePath, after, secret ? { mode: 0o600, forceMode: true } : {});
  return { path: filePath, changed: true, created: current === null };
}
