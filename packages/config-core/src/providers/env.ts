/**
 * The environment provider (dlt providers/environ.py). dlt joins `[pipeline?, *sections, key]` with `__`
 * and upper-cases everything; a variable set to "" is a value, and names are looked up exactly, so
 * lower-case variable names never match. For a secret-typed lookup the file
 * `<secrets dir>/<name lower-cased, "_" → "-">` is read first (`<dir>/<name>/<name>` when that is a
 * folder, as Kubernetes mounts them); its text is returned as it is, unstripped.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Env } from '../types';
import type { ConfigProvider, ProviderHit } from './provider';

export const ENV_PROVIDER_NAME = 'Environment Variables';
/** dlt's `SECRET_STORAGE_PATH` folder (Docker and Kubernetes secrets). */
export const DEFAULT_SECRETS_DIR = '/run/secrets';

export function envKeyOf(keyPath: readonly string[]): string {
  let name = '';
  for (const part of keyPath) if (part.length > 0) name = name.length === 0 ? part : `${name}__${part}`;
  return name.toUpperCase();
}

/** The secret file name dlt derives from an env name (RFC 1123 label: lower case, dashes). */
export function secretFileName(envName: string): string {
  return envName.toLowerCase().replace(/_/g, '-');
}

function readSecretFile(dir: string, names: ReadonlySet<string>, envName: string): string | undefined {
  const name = secretFileName(envName);
  if (!names.has(name)) return undefined;
  let filePath = path.join(dir, name);
  try {
    if (statSync(filePath).isDirectory()) filePath = path.join(filePath, name);
    return readFileSync(filePath, 'utf8');
  } catch {
    // dlt ignores any OSError here and falls back to the variable.
    return undefined;
  }
}

export interface EnvProviderOptions {
  /** Folder of secret files; default `/run/secrets`. null: none. */
  secretsDir?: string | null;
}

export function createEnvProvider(env: Env, options: EnvProviderOptions = {}): ConfigProvider {
  const secretsDir = options.secretsDir === undefined ? DEFAULT_SECRETS_DIR : options.secretsDir;
  // The folder is listed once, when the first secret is asked: most lookups then need no file system call.
  let secretNames: ReadonlySet<string> | undefined;
  const listSecrets = (): ReadonlySet<string> => {
    if (secretNames === undefined) {
      try {
        secretNames = secretsDir === null ? new Set() : new Set(readdirSync(secretsDir));
      } catch {
        secretNames = new Set();
      }
    }
    return secretNames;
  };
  // The lookup loop asks `get` and then `nativeKey` of the same path: the name is built once for both.
  let lastPath: readonly string[] | undefined;
  let lastName = '';
  const nameOf = (keyPath: readonly string[]): string => {
    if (keyPath !== lastPath) {
      lastPath = keyPath;
      lastName = envKeyOf(keyPath);
    }
    return lastName;
  };
  return {
    name: ENV_PROVIDER_NAME,
    supportsSecrets: true,
    isEmpty: false,
    nativeKey: nameOf,
    get(keyPath: readonly string[], secret = false): ProviderHit | undefined {
      const name = nameOf(keyPath);
      if (name.length === 0) return undefined;
      if (secret && secretsDir !== null) {
        const names = listSecrets();
        if (names.size > 0) {
          const text = readSecretFile(secretsDir, names, name);
          if (text !== undefined) return { value: text, fileIndex: -1 };
        }
      }
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      return value === undefined ? undefined : { value, fileIndex: -1 };
    },
  };
}
