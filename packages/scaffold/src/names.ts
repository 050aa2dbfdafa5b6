import { DlthubError } from '@dlthub/config-core';

/** Same rule as the registry's profile names: no path characters, since the name becomes a file name. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Destination names become TOML section names and env var parts (`DESTINATION__<NAME>__…`). */
const DESTINATION_NAME = /^[a-z][a-z0-9_]*$/;

export function assertProfileName(profile: string): void {
  if (!PROFILE_NAME.test(profile)) {
    throw new DlthubError('InvalidProfileName', `Invalid profile name "${profile}".`, {
      hint: 'Use letters, digits, "_" or "-", starting with a letter or digit (e.g. "prod", "staging").',
      exitCode: 2,
    });
  }
}

export function assertDestinationName(name: string): void {
  if (!DESTINATION_NAME.test(name)) {
    throw new DlthubError('Usage', `Invalid destination name "${name}".`, {
      hint: 'Use lower case letters, digits and "_", starting with a letter (e.g. "warehouse").',
    });
  }
}
