import type { Tree } from '@nx/devkit';
import { assertProfileName } from '@dlthub/config-core';
import { applyPlan, planAddProfile } from '@dlthub/scaffold';
import { withHintInMessage } from '../../utils/errors';
import { finishGenerator } from '../../utils/finish';
import { loadGeneratorRegistry } from '../../utils/registry';
import { treeHost } from '../../utils/tree-host';
import { resolveDltWorkspace, type DltWorkspaceProject } from '../../utils/workspace-projects';
import type { ProfileGeneratorSchema } from './schema';

export interface NormalizedProfileOptions {
  profile: string;
  workspace: DltWorkspaceProject;
}

export async function normalizeOptions(tree: Tree, options: ProfileGeneratorSchema): Promise<NormalizedProfileOptions> {
  const profile = options.name?.trim() ?? '';
  assertProfileName(profile, '--name');
  return { profile, workspace: await resolveDltWorkspace(tree, options.workspace) };
}

export async function profileGenerator(tree: Tree, rawOptions: ProfileGeneratorSchema): Promise<void> {
  await withHintInMessage(async () => {
    const options = await normalizeOptions(tree, rawOptions);
    const registry = loadGeneratorRegistry(tree);
    const host = treeHost(tree);
    applyPlan(host, planAddProfile(host, { directory: options.workspace.root, profile: options.profile, registry }));
    await finishGenerator(tree, rawOptions);
  });
}

export default profileGenerator;
