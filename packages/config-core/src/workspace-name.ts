/**
 * The workspace name alone, without opening the workspace: the same answer as `openWorkspace(...).name`
 * (env → secrets files → config files, each family profile file first, project before global; the
 * `[workspace.settings] name` path before `[settings] name`; the folder name when unset or empty), at
 * the cost of a few file reads. Graph tools that name hundreds of workspaces call this.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { resolveGlobalDir } from './global-dir';
import { chooseProfile, DEFAULT_SETTINGS_FOLDER } from './profile';
import { profileFileName, type SettingsFamily } from './profile-name';
import { parseToml } from './toml';
import type { Env } from './types';

/** dlt's name for a workspace whose folder has no basename (same as the workspace module). */
const FALLBACK_NAME = 'dlt_workspace';
const NAME_PATHS = [
  ['workspace', 'settings', 'name'],
  ['settings', 'name'],
] as const;

/** How the name reader sees files: the disk by default; a generator passes its virtual tree. */
export interface SettingsFileReader {
  /** File names directly in `dir` (empty when it does not exist). */
  list(dir: string): ReadonlySet<string>;
  /** The text of `file`, null when it cannot be read. */
  read(file: string): string | null;
}

export const diskFileReader: SettingsFileReader = {
  list(dir) {
    try {
      return new Set(readdirSync(dir));
    } catch {
      return new Set();
    }
  },
  read(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
};

export interface WorkspaceNameOptions {
  env?: Env;
  /** Explicit profile (`--profile`); else WORKSPACE__PROFILE, the pin, the default. */
  profile?: string;
  globalDir?: string;
  /** Where the files are read from; the disk unless given. */
  files?: SettingsFileReader;
}

function valueAt(table: unknown, keys: readonly string[]): unknown {
  let node = table;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The parsed files of one family in lookup order; a file that cannot mention `name` is never parsed. */
function familyTables(
  family: SettingsFamily,
  dirs: readonly (readonly [string, ReadonlySet<string>])[],
  profile: string,
  files: SettingsFileReader,
): unknown[] {
  const tables: unknown[] = [];
  for (const [dir, present] of dirs) {
    for (const file of [profileFileName(profile, family), `${family}.toml`]) {
      if (!present.has(file)) continue;
      const text = files.read(path.join(dir, file));
      if (text === null) continue;
      if (text.includes('name')) tables.push(parseToml(text, path.join(dir, file)));
    }
  }
  return tables;
}

/**
 * Throws what the TOML parser throws on a malformed file that mentions `name`; callers that must not
 * fail (graph inference) fall back to the folder name and leave the error to `dlthub config validate`.
 */
export function readWorkspaceName(cwd: string, options: WorkspaceNameOptions = {}): string {
  const env = options.env ?? process.env;
  const settingsFolder = env.DLT_CONFIG_FOLDER || DEFAULT_SETTINGS_FOLDER;
  const rootDir = env.DLT_PROJECT_DIR ? path.resolve(cwd, env.DLT_PROJECT_DIR) : path.resolve(cwd);
  const folderName = path.basename(rootDir) || FALLBACK_NAME;
  const files = options.files ?? diskFileReader;
  const { profile } = chooseProfile({
    explicit: options.profile,
    env,
    rootDir,
    settingsFolder,
    ...(options.files ? { readText: (file: string) => files.read(file) } : {}),
  });
  const globalDir = path.resolve(options.globalDir ?? resolveGlobalDir({ env }));
  // One listing per dir instead of a failed read per absent file (most of them are absent).
  const dirs = [path.resolve(rootDir, settingsFolder), globalDir].map((dir) => [dir, files.list(dir)] as const);
  const fromString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : folderName);

  for (const keys of NAME_PATHS) {
    const fromEnv = env[keys.map((key) => key.toUpperCase()).join('__')];
    if (fromEnv !== undefined) return fromString(fromEnv);
  }
  for (const family of ['secrets', 'config'] as const) {
    const tables = familyTables(family, dirs, profile, files);
    for (const keys of NAME_PATHS) {
      for (const table of tables) {
        const value = valueAt(table, keys);
        if (value !== undefined) return fromString(value);
      }
    }
  }
  return folderName;
}
