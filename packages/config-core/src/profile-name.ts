/**
 * The one rule for profile names, shared by the registry's `defineProfile` schema and the CLI's check
 * of names typed on the command line: letters, digits, "_" and "-", starting with a letter or digit
 * (no path characters, nothing that reads like an option or a hidden file).
 */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const PROFILE_NAME_RULE = 'letters, digits, "_" or "-", starting with a letter or digit';

export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}
