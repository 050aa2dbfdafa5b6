import { getProjects, type GeneratorCallback, type Tree } from '@nx/devkit';
import { DlthubError, syncedProfiles, type Registry } from '@dlthub/config-core';
import { applyPlan, planAddDestination, planInit, type FileHost, type FilePlan } from '@dlthub/scaffold';
import { withHintInMessage } from '../../utils/errors';
import { finishGenerator } from '../../utils/finish';
import { initGenerator } from '../init/generator';
import { assertDestinationType, assertWorkspaceName, normalizeDirectory, parseProfiles } from '../../utils/options';
import { loadGeneratorRegistry } from '../../utils/registry';
import { treeHost } from '../../utils/tree-host';
import { isDltWorkspace, listDltWorkspaces, MARKER_FILE } from '../../utils/workspace-projects';
import type { WorkspaceGeneratorSchema } from './schema';

/** The named destination every new workspace gets (dlt docs use `warehouse` for the main one). */
export const DEFAULT_DESTINATION_NAME = 'warehouse';

/** Without --profiles: the registry's default profile and every synced one (dev, prod, access with the built-ins). */
export function defaultWorkspaceProfiles(registry: Registry): string[] {
  return [...new Set([registry.defaultProfile(), ...syncedProfiles(registry)])];
}

export interface NormalizedWorkspaceOptions {
  name: string;
  directory: string;
  localType: string;
  syncedType: string;
  profiles: string[];
  dependencies: 'pyproject' | 'requirements';
  /** The directory already holds a dltHub workspace: only missing files and keys are added. */
  existing: boolean;
}

export async function normalizeOptions(
  tree: Tree,
  options: WorkspaceGeneratorSchema,
  registry: Registry,
): Promise<NormalizedWorkspaceOptions> {
  const name = assertWorkspaceName(options.name);
  const directory = normalizeDirectory(tree, options.directory ?? name);
  const localType = assertDestinationType(registry, options.destination ?? 'duckdb', '--destination');
  const syncedType = assertDestinationType(registry, options.prodDestination ?? localType, '--prod-destination');
  const profiles = parseProfiles(options.profiles, defaultWorkspaceProfiles(registry));
  const dependencies = options.dependencies ?? 'pyproject';
  if (dependencies !== 'pyproject' && dependencies !== 'requirements') {
    throw new DlthubError('Usage', `Invalid --dependencies "${String(dependencies)}".`, {
      hint: 'Use "pyproject" or "requirements".',
    });
  }

  if (tree.isFile(directory)) {
    throw new DlthubError('Usage', `--directory "${directory}" is a file.`, {
      hint: 'Pass a folder that does not exist yet or that holds a dltHub workspace.',
    });
  }
  const existing = isDltWorkspace(tree, directory);
  if (!existing && tree.exists(directory) && tree.children(directory).length > 0) {
    throw new DlthubError('Usage', `"${directory}" exists and is not a dltHub workspace (no ${MARKER_FILE}).`, {
      hint: 'Choose another --directory, or run `dlthub init` there yourself if the folder should become a workspace.',
    });
  }

  const clash = (await listDltWorkspaces(tree)).find((ws) => ws.name === name && ws.root !== directory);
  const nxClash = [...getProjects(tree)].find(
    ([projectName, project]) => projectName === name && project.root !== directory,
  );
  if (clash || nxClash) {
    throw new DlthubError(
      'Usage',
      `An Nx project named "${name}" already exists at ${clash?.root ?? nxClash?.[1].root}.`,
      {
        hint: 'Pick another workspace name.',
      },
    );
  }
  return { name, directory, localType, syncedType, profiles, dependencies, existing };
}

function initWorkspace(host: FileHost, options: NormalizedWorkspaceOptions): void {
  const plan = planInit(host, { directory: options.directory, name: options.name, dependencies: options.dependencies });
  applyPlan(host, options.existing ? keepExistingMarker(plan) : plan);
}

/**
 * `dlthub init` refuses to re-initialize (the marker is a CONFLICT without --force). Re-running the
 * generator over its own workspace is a no-op for existing files instead, as Nx generators are.
 */
function keepExistingMarker(plan: FilePlan): FilePlan {
  const files = plan.files.map((file) =>
    file.action === 'CONFLICT' && file.path.endsWith(MARKER_FILE)
      ? { path: file.path, action: 'KEEP' as const, reason: 'exists' }
      : file,
  );
  return { ...plan, files, hasConflicts: files.some((file) => file.action === 'CONFLICT') };
}

/** One `dlthub destination add warehouse --type <t> --profile <p>` per profile: local ones get the local type. */
function addWarehouse(host: FileHost, options: NormalizedWorkspaceOptions, registry: Registry): void {
  for (const profile of options.profiles) {
    const local = registry.getProfile(profile)?.scope === 'local';
    const plan = planAddDestination(host, {
      directory: options.directory,
      name: DEFAULT_DESTINATION_NAME,
      type: local ? options.localType : options.syncedType,
      profiles: [profile],
      registry,
    });
    applyPlan(host, plan);
  }
}

export async function workspaceGenerator(tree: Tree, rawOptions: WorkspaceGeneratorSchema): Promise<GeneratorCallback> {
  return withHintInMessage(async () => {
    const registry = loadGeneratorRegistry(tree);
    const options = await normalizeOptions(tree, rawOptions, registry);
    const host = treeHost(tree);
    initWorkspace(host, options);
    addWarehouse(host, options, registry);
    const install = await initGenerator(tree, { skipFormat: true });
    await finishGenerator(tree, rawOptions);
    return install;
  });
}

export default workspaceGenerator;
