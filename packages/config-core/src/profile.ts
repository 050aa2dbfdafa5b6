/**
 * Profile choice (dlt §2.2): explicit > `WORKSPACE__PROFILE` (empty = unset) > first line of
 * `.dlt/profile-name`, trimmed (empty = unset) > the default (`dev`). Names are validated so a
 * profile can never point outside `.dlt` (`../x` is refused, naming where it came from).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { DlthubError } from './errors';
import { assertProfileName } from './profile-name';
import type { ProfileScope, Registry } from './registry';
import type { Env, ProfileSource } from './types';

export const PIN_FILE_NAME = 'profile-name';
export const DEFAULT_SETTINGS_FOLDER = '.dlt';

/** dlt's description of a profile no registry declares (profile.py). */
export const CUSTOM_PROFILE_DESCRIPTION = 'custom profile';
export const DEFAULT_PROFILE = 'dev';

/** The registry's description of the profile (the built-ins come from @dlthub/profiles), else dlt's "custom profile". */
export function profileDescription(name: string, registry?: Registry): string {
  return registry?.getProfile(name)?.description ?? CUSTOM_PROFILE_DESCRIPTION;
}

/**
 * The registry's scope of the profile (`dev`, `tests` local; `prod`, `access` synced, from @dlthub/profiles);
 * a profile no plugin declares is a custom profile, which dlt syncs (§2.6).
 */
export function profileScope(name: string, registry: Registry): ProfileScope {
  return registry.getProfile(name)?.scope ?? 'synced';
}

/** The profiles the registry keeps on the developer's machine (never synced nor shipped). */
export function localProfiles(registry: Registry): string[] {
  return registry.profileNames().filter((name) => profileScope(name, registry) === 'local');
}

/** The profiles the registry declares synced, in registry order. */
export function syncedProfiles(registry: Registry): string[] {
  return registry.profileNames().filter((name) => profileScope(name, registry) === 'synced');
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
export function readPinnedProfile(
  rootDir: string,
  settingsFolder?: string,
  readText: (file: string) => string | null = readPinFile,
): string | null {
  const file = pinFilePath(rootDir, settingsFolder);
  const text = readText(file);
  if (text === null) return null;
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').trim();
  if (firstLine === '') return null;
  return assertProfileName(firstLine, `the pin file ${file}`, { file, line: 1 });
}

/** The pin file's text from disk; null when it does not exist. */
function readPinFile(file: string): string | null {
  try {
    // No pin is the common case: ask without an exception for it (they are costly to build).
    if (!fs.statSync(file, { throwIfNoEntry: false })) return null;
    return fs.readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new DlthubError('FileReadError', `Cannot read the profile pin file ${file} (${code}).`, {
      hint: `Remove ${file} or make it a readable file holding one profile name.`,
      location: { file },
      cause,
    });
  }
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
  /** Reads the pin file (default: from disk); a generator passes its virtual tree's files. */
  readText?: (file: string) => string | null;
}): ProfileChoice {
  // A broken pin only matters when the pin decides; otherwise it is reported as not pinned.
  const pinnedIfReadable = (): string | null => {
    try {
      return readPinnedProfile(options.rootDir, options.settingsFolder, options.readText);
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
  const pinned = readPinnedProfile(options.rootDir, options.settingsFolder, options.readText);
  if (pinned !== null) return { profile: pinned, source: 'pin', pinned };
  return { profile: options.registry?.defaultProfile() ?? DEFAULT_PROFILE, source: 'default', pinned };
}
