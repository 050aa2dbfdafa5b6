/** Adding a profile: its `<profile>.config.toml`, created with a header that says what it is for. */
import {
  assertProfileName,
  profileDescription,
  profileFileName,
  profileScope,
  type Registry,
} from '@dlthub/config-core';
import type { FileHost } from './file-host';
import { hostPath } from './file-host';
import type { FilePlan } from './plan';
import { makePlan } from './plan';

export interface AddProfileOptions {
  directory: string;
  profile: string;
  registry: Registry;
}

export function profileHeader(registry: Registry, profile: string): string {
  const description = profileDescription(profile, registry);
  const scope =
    profileScope(profile, registry) === 'local'
      ? 'Local only: never uploaded to the dltHub platform.'
      : 'Synced: uploaded to the dltHub platform by `dlthub configuration sync` / `dlthub deploy`.';
  return [
    `# Configuration of the "${profile}" profile: ${description}.`,
    `# Values here win over .dlt/config.toml while "${profile}" is active. ${scope}`,
    '',
  ].join('\n');
}

export function planAddProfile(host: FileHost, options: AddProfileOptions): FilePlan {
  assertProfileName(options.profile, 'the profile to add');
  const configPath = hostPath(options.directory, `.dlt/${profileFileName(options.profile, 'config')}`);
  const file = host.exists(configPath)
    ? { path: configPath, action: 'KEEP' as const, reason: 'exists' }
    : { path: configPath, action: 'CREATE' as const, content: profileHeader(options.registry, options.profile) };
  return makePlan(options.directory, [file]);
}
