/** Which profiles exist for a workspace and what marks they carry (dlt §2.1 available/configured profiles). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Registry, Workspace } from '@dlthub/config-core';
import { core } from '../../core';

export interface ProfileEntry {
  name: string;
  description: string;
  scope: 'local' | 'synced';
  current: boolean;
  pinned: boolean;
  configured: boolean;
}

function profilesWithFiles(dir: string): Set<string> {
  const names = new Set<string>();
  try {
    for (const file of fs.readdirSync(dir)) {
      const owner = core().profileOfFileName(file);
      if (owner) names.add(owner.profile);
    }
  } catch {
    // a missing global dir simply has no profile files
  }
  return names;
}

function hasPipelines(settingsDir: string, profile: string): boolean {
  try {
    return fs.readdirSync(path.join(settingsDir, 'state', profile, 'pipelines')).length > 0;
  } catch {
    return false;
  }
}

export function listProfiles(workspace: Workspace, registry: Registry): ProfileEntry[] {
  const withFiles = new Set([...profilesWithFiles(workspace.settingsDir), ...profilesWithFiles(workspace.globalDir)]);
  const names = new Set<string>(registry.profileNames());
  if (workspace.profile) names.add(workspace.profile);
  if (workspace.pinnedProfile) names.add(workspace.pinnedProfile);
  // Custom profiles that have files in the workspace are listed too, so a team's `staging` shows up.
  for (const name of profilesWithFiles(workspace.settingsDir)) names.add(name);
  return [...names].map((name) => ({
    name,
    description: core().profileDescription(name, registry),
    scope: core().profileScope(name, registry),
    current: name === workspace.profile,
    pinned: name === workspace.pinnedProfile,
    configured:
      name === workspace.profile ||
      name === workspace.pinnedProfile ||
      withFiles.has(name) ||
      hasPipelines(workspace.settingsDir, name),
  }));
}
