/** `dlthub local info`: workspace, profile, dirs, the configuration locations found and probed (dlt §2.5). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from '../../context';
import { listProfiles } from '../profile/profiles';

function pipelinesIn(dataDir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(dataDir, 'pipelines'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

export function run(context: Context): void {
  const workspace = context.requireWorkspace({ registry: true });
  const configured = listProfiles(workspace, context.registry())
    .filter((entry) => entry.configured)
    .map((entry) => entry.name);
  const locations = workspace.files.map((file) => ({
    family: file.family,
    path: file.displayPath,
    location: file.location,
    profile: file.profile,
    found: file.exists,
  }));
  const info = {
    name: workspace.name,
    workspaceDir: workspace.rootDir,
    settingsDir: workspace.settingsDir,
    globalDir: workspace.globalDir,
    profile: workspace.profile,
    pinned: workspace.pinnedProfile !== null && workspace.pinnedProfile === workspace.profile,
    dataDir: workspace.dataDir,
    localDir: workspace.localDir,
    configuredProfiles: configured,
    providers: workspace.providerNames,
    locations,
    pipelines: pipelinesIn(workspace.dataDir),
  };
  const { out } = context;
  const tag = (entry: (typeof locations)[number]) =>
    [
      entry.location === 'global' ? 'global' : null,
      entry.profile ? `profile: ${entry.profile}` : null,
      entry.found ? null : 'not found',
    ]
      .filter(Boolean)
      .join(', ');
  const missing = locations.filter((entry) => !entry.found).length;
  out.result(info, () => [
    `Workspace ${out.style('bold', info.name)}:`,
    `Workspace dir: ${info.workspaceDir}`,
    `Settings dir: ${info.settingsDir}`,
    `Settings for profile ${info.profile}:`,
    `  Pipelines and other working data: ${info.dataDir}`,
    `  Locally loaded data: ${info.localDir}`,
    ...(info.pinned ? ['  Profile is pinned'] : []),
    `Profiles with configs or pipelines: ${configured.join(', ') || '(none)'}`,
    'dlt found configuration in following locations:',
    ...['secrets', 'config'].flatMap((family) => [
      `* ${family}.toml`,
      ...locations
        .filter((entry) => entry.family === family && (entry.found || out.verbose > 0))
        .map((entry) => `    ${entry.path}${tag(entry) ? out.style('dim', ` (${tag(entry)})`) : ''}`),
    ]),
    ...(missing > 0 && out.verbose === 0
      ? [out.style('dim', `${missing} location(s) were probed but not found. Use -v to see details.`)]
      : []),
    info.pipelines.length > 0 ? `Local pipelines: ${info.pipelines.join(', ')}` : 'No local pipelines yet.',
  ]);
}
