/** Adding a profile: its `<profile>.config.toml`, created with a header that says what it is for. */
import type { Registry } from '@dlthub/config-core';
import type { FileHost } from './file-host';
import { hostPath } from './file-host';
import { assertProfileName } from './names';
import type { FilePlan } from './plan';
import { makePlan } from './plan';

export interface AddProfileOptions {
  directory: string;
  profile: string;
  registry: Registry;
}

export type ProfileScope = 'local' | 'synced';

/** Registered profiles carry their scope; any other name is a custom profile, which dlt syncs (§2.6). */
export function profileScope(registry: Registry, profile: string): ProfileScope {
  return registry.getProfile(profile)?.scope ?? 'synced';
}

export function profileHeader(registry: Registry, profile: string): string {
  const definition = registry.getProfile(profile);
  const description = definition?.description ?? 'custom profile';
  const scope =
    profileScope(registry, profile) === 'local'
      ? 'Local only: never uploaded to the dltHub platform.'
      : 'Synced: uploaded to the dltHub platform by `dlthub configuration sync` / `dlthub deploy`.';
  return [
    `# Configuration of the "${profile}" profile: ${description}.`,
    `# Values here win over .dlt/config.toml while "${profile}" is active. ${scope}`,
    '',
  ].join('\n');
}

export function planAddProfile(host: FileHost, options: AddProfileOptions): FilePlan {
  assertProfileName(options.profile);
  const configPath = hostPath(options.directory, `.dlt/${options.profile}.config.toml`);
  const file = host.exists(configPath)
    ? { path: configPath, action: 'KEEP' as const, reason: 'exists' }
    : { path: configPath, action: 'CREATE' as const, content: profileHeader(options.registry, options.profile) };
  return makePlan(options.directory, [file]);
}
