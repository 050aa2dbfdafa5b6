import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DlthubError, removeTomlKey, setTomlValue, updateTomlFile } from '@dlthub/config-core';
import { parseToml } from '@dlthub/config-core/toml';

/** The login token lives where Python dlt keeps it: `[runtime] auth_token` in the GLOBAL secrets.toml (dlt-semantics §5). */
export const authTokenKeyPath = ['runtime', 'auth_token'] as const;

export function globalSecretsPath(globalDir: string): string {
  return join(globalDir, 'secrets.toml');
}

export interface StoredToken {
  token: string;
  path: string;
  /** Set when the file is readable by group or others (checklist §7.20). */
  warning?: string;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DlthubError('FileReadError', `Cannot read ${path}: ${(error as Error).message}`, {
      location: { file: path },
      cause: error,
    });
  }
}

function permissionWarning(path: string): string | undefined {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return `${path} is readable by other users (mode ${mode.toString(8).padStart(3, '0')}); run \`chmod 600 ${path}\`.`;
}

/** The stored login token, or undefined when there is none. A broken file is an error naming line and column. */
export function readStoredToken(globalDir: string): StoredToken | undefined {
  const path = globalSecretsPath(globalDir);
  const text = readText(path);
  if (text === null) return undefined;
  const document = parseToml(text, path, {
    hint: (where) => `Fix the syntax at ${where}, or run \`dlthub logout\` after fixing it.`,
  });
  const runtime = document.runtime;
  const token = runtime && typeof runtime === 'object' ? (runtime as Record<string, unknown>).auth_token : undefined;
  if (typeof token !== 'string' || token === '') return undefined;
  return { token, path, warning: permissionWarning(path) };
}

/**
 * Stores the login token in `<globalDir>/secrets.toml`, keeping everything else in the file
 * (comments, order, other keys) as it was; atomic write, mode 0600, global dir created 0700.
 */
export function storeToken(globalDir: string, token: string): { path: string } {
  if (token.trim() === '') throw new DlthubError('Auth', 'Refusing to store an empty login token.');
  mkdirSync(globalDir, { recursive: true, mode: 0o700 });
  const path = globalSecretsPath(globalDir);
  updateTomlFile(path, (text) => setTomlValue(text, [...authTokenKeyPath], token, { file: path }), {
    secret: true,
    displayPath: path,
  });
  return { path };
}

/** Removes the stored login token (`logout`); the rest of the file is kept. Reports whether there was one. */
export function removeToken(globalDir: string): { path: string; removed: boolean } {
  const path = globalSecretsPath(globalDir);
  if (readStoredToken(globalDir) === undefined) return { path, removed: false };
  updateTomlFile(path, (text) => removeTomlKey(text, [...authTokenKeyPath], { file: path }), {
    secret: true,
    displayPath: path,
  });
  return { path, removed: true };
}
