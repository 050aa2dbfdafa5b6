import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';
import { profileOfFileName, type Registry } from '@dlthub/config-core';
import { applyPlan, planAddDestination } from '@dlthub/scaffold';
import { withHintInMessage } from '../../utils/errors';
import { finishGenerator } from '../../utils/finish';
import { assertDestinationName, assertDestinationType, parseProfiles } from '../../utils/options';
import { loadGeneratorRegistry } from '../../utils/registry';
import { treeHost } from '../../utils/tree-host';
import { resolveDltWorkspace, type DltWorkspaceProject } from '../../utils/workspace-projects';
import type { DestinationGeneratorSchema } from './schema';

export interface NormalizedDestinationOptions {
  name: string;
  type: string;
  profiles: string[];
  workspace: DltWorkspaceProject;
}

/** Profiles that already have a `.dlt/<profile>.config.toml` in the workspace. */
export function existingProfiles(tree: Tree, root: string): string[] {
  const settingsDir = posix.join(root, '.dlt');
  return tree
    .children(settingsDir)
    .filter((file) => tree.isFile(posix.join(settingsDir, file)))
    .flatMap((file) => {
      const owner = profileOfFileName(file);
      return owner?.family === 'config' ? [owner.profile] : [];
    })
    .sort();
}

export async function normalizeOptions(
  tree: Tree,
  options: DestinationGeneratorSchema,
  registry: Registry,
): Promise<NormalizedDestinationOptions> {
  const name = assertDestinationName(options.name?.trim());
  const type = assertDestinationType(registry, options.type?.trim(), '--type');
  const workspace = await resolveDltWorkspace(tree, options.workspace);
  const present = existingProfiles(tree, workspace.root);
  const profiles = parseProfiles(options.profiles, present.length > 0 ? present : [registry.defaultProfile()]);
  return { name, type, profiles, workspace };
}

export async function destinationGenerator(tree: Tree, rawOptions: DestinationGeneratorSchema): Promise<void> {
  await withHintInMessage(async () => {
    const registry = loadGeneratorRegistry(tree);
    const options = await normalizeOptions(tree, rawOptions, registry);
    const host = treeHost(tree);
    const plan = planAddDestination(host, {
      directory: options.workspace.root,
      name: options.name,
      type: options.type,
      profiles: options.profiles,
      registry,
    });
    applyPlan(host, plan);
    await finishGenerator(tree, rawOptions);
  });
}

export default destinationGenerator;
