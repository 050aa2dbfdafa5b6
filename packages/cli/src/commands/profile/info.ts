/** `dlthub profile [info]`: the active profile, why it is active, its dirs and files. */
import type { Context } from '../../context';
import { core } from '../../core';

export function run(context: Context): void {
  const workspace = context.requireWorkspace({ registry: true });
  const registry = context.registry();
  const profile = workspace.profile ?? '';
  const definition = registry.getProfile(profile);
  const info = {
    workspace: workspace.name,
    profile,
    source: workspace.profileSource,
    pinned: workspace.pinnedProfile,
    description: core().profileDescription(profile, registry),
    scope: definition?.scope ?? 'synced',
    dataDir: workspace.dataDir,
    localDir: workspace.localDir,
    files: workspace.files.map((file) => ({
      family: file.family,
      location: file.location,
      path: file.displayPath,
      exists: file.exists,
    })),
    providers: workspace.providerNames,
  };
  const sourceText = { explicit: '--profile', env: 'WORKSPACE__PROFILE', pin: '.dlt/profile-name', default: 'default' }[
    workspace.profileSource ?? 'default'
  ];
  context.out.result(info, () => [
    `Current profile: ${context.out.style('bold', profile)} (from ${sourceText})`,
    `  ${info.description}; ${info.scope === 'local' ? 'local only' : 'synced to the dltHub platform'}`,
    info.pinned ? `Pinned profile: ${info.pinned}` : 'No pinned profile.',
    `Pipelines and other working data: ${info.dataDir}`,
    `Locally loaded data: ${info.localDir}`,
    'Configuration files (earlier wins):',
    ...info.files.map((file) => `  ${file.path}${file.exists ? '' : context.out.style('dim', ' (not found)')}`),
    `Providers: ${info.providers.join(' → ')}`,
  ]);
}
