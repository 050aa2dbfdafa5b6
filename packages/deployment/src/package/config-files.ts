/**
 * Which settings files a configuration package ships (reference §1.2): the files directly in
 * `.dlt/` whose names end in `config.toml` or `secrets.toml`, except the local-only `dev.` and
 * `tests.` profiles. The CLI's own credentials (`[runtime] api_key`, `auth_token`) are removed
 * from the shipped copy with a format-preserving edit; the files on disk are not touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS_FOLDER,
  MACHINE_ONLY_PROFILES,
  parseTomlText,
  readTomlText,
  removeTomlKey,
  type TomlFileInfo,
} from '@dlthub/config-core';
import { comparePaths } from './digest';
import type { PackageEntry } from './archive';

/** Keys of the CLI's own login that are never shipped. */
export const STRIPPED_RUNTIME_KEYS: readonly (readonly string[])[] = [
  ['runtime', 'api_key'],
  ['runtime', 'auth_token'],
];

export function isShippedConfigName(fileName: string): boolean {
  if (!fileName.endsWith('config.toml') && !fileName.endsWith('secrets.toml')) return false;
  return !MACHINE_ONLY_PROFILES.some((profile) => fileName.startsWith(`${profile}.`));
}

function fileInfo(rootDir: string, fileName: string): TomlFileInfo {
  const family = fileName.endsWith('secrets.toml') ? 'secrets' : 'config';
  const dot = fileName.indexOf('.');
  const profile = dot > 0 && dot < fileName.length - `${family}.toml`.length - 1 ? fileName.slice(0, dot) : null;
  return {
    family,
    location: 'project',
    profile,
    path: path.join(rootDir, DEFAULT_SETTINGS_FOLDER, fileName),
    displayPath: `${DEFAULT_SETTINGS_FOLDER}/${fileName}`,
    exists: true,
  };
}

/** The text to ship for one settings file: parsed first (errors name file:line), then stripped. */
export function shippedConfigText(info: TomlFileInfo, text: string): string {
  const document = parseTomlText(info, text);
  const runtime = document['runtime'];
  if (typeof runtime !== 'object' || runtime === null) return text;
  let shipped = text;
  for (const key of STRIPPED_RUNTIME_KEYS) shipped = removeTomlKey(shipped, key);
  return shipped;
}

/** Entries of the configuration package, paths relative to `.dlt/`, sorted. */
export function collectConfigEntries(rootDir: string): PackageEntry[] {
  const settingsDir = path.join(rootDir, DEFAULT_SETTINGS_FOLDER);
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(settingsDir, { withFileTypes: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  }
  const entries: PackageEntry[] = [];
  for (const dirent of dirents.sort((left, right) => comparePaths(left.name, right.name))) {
    if (dirent.isDirectory() || !isShippedConfigName(dirent.name)) continue;
    const info = fileInfo(rootDir, dirent.name);
    const text = readTomlText(info);
    if (text === null) continue;
    entries.push({
      relativePath: dirent.name,
      content: Buffer.from(shippedConfigText(info, text), 'utf8'),
      mode: 0o600,
    });
  }
  return entries;
}
