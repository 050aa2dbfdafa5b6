/**
 * Profile choice (dlt §2.2): explicit > `WORKSPACE__PROFILE` (empty = unset) > first line of
 * `.dlt/profile-name`, trimmed (empty = unset) > the default (`dev`). Names are validated so a
 * profile can never point outside `.dlt` (`../x` is refused, naming where it came from).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { DlthubError } from './errors';
import type { Registry } from './registry';
import type { Env, ProfileSource } from './types';

export const PIN_FILE_NAME = 'profile-name';
export const DEFAULT_SETTINGS_FOLDER = '.dlt';

/** dlt's built-in profiles and their CLI descriptions (profile.py), used when no registry is given. */
export const BUILTIN_PROFILE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  dev: 'dev profile, workspace default',
  prod: 'production profile, assumed by pipelines deployed in Runtime',
  tests: 'profile assumed when running tests',
  access: 'production profile, assumed by interactive notebooks in Runtime, typically with limited access rights',
});
export const CUSTOM_PROFILE_DESCRIPTION = 'custom profile';
export const DEFAULT_PROFILE = 'dev';

const PROFILE_NAME = /^[A-Za-z0-9_-]+$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

/** Throws InvalidProfileName naming the origin (`--profile`, `WORKSPACE__PROFILE`, the pin file path). */
export function assertProfileName(name: string, origin: string): string {
  if (!isValidProfileName(name)) {
    throw new DlthubError('InvalidProfileName', `Invalid profile name ${JSON.stringify(name)} from ${origin}.`, {
      hint: 'Profile names may only contain letters, digits, "_" and "-" (e.g. dev, prod, staging-eu).',
      location: origin.includes(path.sep) || origin.includes('/') ? { file: origin, line: 1 } : undefined,
    });
  }
  return name;
}

export function profileDescription(name: string, registry?: Registry): string {
  return registry?.getProfile(name)?.description ?? BUILTIN_PROFILE_DESCRIPTIONS[name] ?? CUSTOM_PROFILE_DESCRIPTION;
}

function settingsDirOf(rootDir: string, settingsFolder = DEFAULT_SETTINGS_FOLDER): string {
  return path.resolve(rootDir, settingsFolder);
}

export function pinFilePath(rootDir: string, settingsFolder?: string): string {
  return path.join(settingsDirOf(rootDir, settingsFolder), PIN_FILE_NAME);
}

/**
 * The pinned profile: first line of `.dlt/profile-name`, trimmed; null when the file is absent
 * or its first line is blank. A pinned name with path characters is an error naming the file.
 */
export function readPinnedProfile(rootDir: string, settingsFolder?: string): string | null {
  const file = pinFilePath(rootDir, settingsFolder);
  let text: string;
  try {
    // No pin is the common case: ask without an exception for it (they are costly to build).
    if (!fs.statSync(file, { throwIfNoEntry: false })) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new DlthubError('FileReadError', `Cannot read the profile pin file ${file} (${code}).`, {
      hint: `Remove ${file} or make it a readable file holding one profile name.`,
      location: { file },
      cause,
    });
  }
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').trim();
  if (firstLine === '') return null;
  return assertProfileName(firstLine, file);
}

/** Pins a profile: writes the name (no newline) to `.dlt/profile-name`, atomically. */
export function pinProfile(rootDir: string, name: string, settingsFolder?: string): string {
  assertProfileName(name, 'the profile to pin');
  const file = pinFilePath(rootDir, settingsFolder);
  writeFileAtomic(file, name);
  return file;
}

/** Unpins: deletes `.dlt/profile-name`. Returns whether a pin existed. */
export function unpinProfile(rootDir: string, settingsFolder?: string): boolean {
  const file = pinFilePath(rootDir, settingsFolder);
  try {
    fs.unlinkSync(file);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw cause;
  }
}

export interface ProfileChoice {
  profile: string;
  source: ProfileSource;
  pinned: string | null;
}

export function chooseProfile(options: {
  explicit?: string;
  env: Env;
  rootDir: string;
  settingsFolder?: string;
  registry?: Registry;
}): ProfileChoice {
  // A broken pin only matters when the pin decides; otherwise it is reported as not pinned.
  const pinnedIfReadable = (): string | null => {
    try {
      return readPinnedProfile(options.rootDir, options.settingsFolder);
    } catch {
      return null;
    }
  };
  if (options.explicit !== undefined) {
    const pinned = pinnedIfReadable();
    return {
      profile: assertProfileName(options.explicit, 'the explicitly requested profile (--profile)'),
      source: 'explicit',
      pinned,
    };
  }
  // dlt reads WORKSPACE__PROFILE raw from the environment, not through the config providers.
  const fromEnv = options.env.WORKSPACE__PROFILE;
  if (fromEnv !== undefined && fromEnv !== '') {
    const pinned = pinnedIfReadable();
    return {
      profile: assertProfileName(fromEnv, 'the environment variable WORKSPACE__PROFILE'),
      source: 'env',
      pinned,
    };
  }
  const pinned = readPinnedProfile(options.rootDir, options.settingsFolder);
  if (pinned !== null) return { profile: pinned, source: 'pin', pinned };
  return { profile: options.registry?.defaultProfile() ?? DEFAULT_PROFILE, source: 'default', pinned };
}
