/**
 * The one rule for profile names, and the one reading of profile file names. Every place that takes a
 * profile name (the `--profile` flag, `WORKSPACE__PROFILE`, `.dlt/profile-name`, `profile use`, the
 * registry's `defineProfile`, the generators, the control plane's API schema) checks it here.
 *
 * dlt itself accepts any string, but the name becomes a file name (`.dlt/<profile>.config.toml`) and a
 * folder (`.dlt/state/<profile>/`), so we keep the part that is safe everywhere: letters, digits, "_"
 * and "-", at most 64 characters, not starting with "-" (it would read as a command-line option). No
 * ".": it would make `<profile>.config.toml` ambiguous and allow `..`. A leading "_" is allowed, as in
 * dlt (`require={"profile": "_staging"}` works there).
 *
 * This module imports only the error type, so light entries (`@dlthub/config-core/profile-name`, the
 * CLI's read path, the API schema) can load it without the engine.
 */
import { DlthubError, type SourceLocation } from './errors';

export const PROFILE_NAME_MAX_LENGTH = 64;

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

export const PROFILE_NAME_RULE = `letters, digits, "_" or "-", not starting with "-", at most ${PROFILE_NAME_MAX_LENGTH} characters`;

export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/** InvalidProfileName naming where the name came from (`--profile`, `WORKSPACE__PROFILE`, a file). */
export function invalidProfileName(name: string, origin: string, location?: SourceLocation): DlthubError {
  return new DlthubError('InvalidProfileName', `Invalid profile name ${JSON.stringify(name)} (${origin}).`, {
    hint: `Profile names are ${PROFILE_NAME_RULE} (e.g. dev, prod, staging-eu).`,
    location,
  });
}

/** The name itself when it follows the rule; else InvalidProfileName naming `origin`. */
export function assertProfileName(name: string, origin: string, location?: SourceLocation): string {
  if (!isProfileName(name)) throw invalidProfileName(name, origin, location);
  return name;
}

/**
 * dlt's profiles that never leave the developer's machine (dlt-semantics §2.6): their files are never synced,
 * shipped in a configuration package or required by a deployed job. Fixed by the platform, whatever scope a
 * plugin gives its own profiles.
 */
export const MACHINE_ONLY_PROFILES: readonly string[] = ['dev', 'tests'];

export function isMachineOnlyProfile(name: string): boolean {
  return MACHINE_ONLY_PROFILES.includes(name);
}

export type SettingsFamily = 'config' | 'secrets';

/** `<profile>.config.toml` / `<profile>.secrets.toml`: the profile-scoped file of a TOML family (dlt §2.4). */
export function profileFileName(profile: string, family: SettingsFamily): string {
  return `${profile}.${family}.toml`;
}

const PROFILE_FILE_NAME = /^([^.]+)\.(config|secrets)\.toml$/;

/**
 * The profile and family a settings file name belongs to (`prod.secrets.toml` → prod, secrets); null for
 * the workspace-scoped `config.toml` / `secrets.toml` and for names whose profile part breaks the rule.
 */
export function profileOfFileName(fileName: string): { profile: string; family: SettingsFamily } | null {
  const match = PROFILE_FILE_NAME.exec(fileName);
  const profile = match?.[1];
  const family = match?.[2] as SettingsFamily | undefined;
  if (profile === undefined || family === undefined || !isProfileName(profile)) return null;
  return { profile, family };
}
