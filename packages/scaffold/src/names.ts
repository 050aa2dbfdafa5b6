import { DlthubError } from '@dlthub/config-core';

/** Destination names become TOML section names and env var parts (`DESTINATION__<NAME>__…`). */
const DESTINATION_NAME = /^[a-z][a-z0-9_]*$/;

export function assertDestinationName(name: string): void {
  if (!DESTINATION_NAME.test(name)) {
    throw new DlthubError('Usage', `Invalid destination name "${name}".`, {
      hint: 'Use lower case letters, digits and "_", starting with a letter (e.g. "warehouse").',
    });
  }
}
