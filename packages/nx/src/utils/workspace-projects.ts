/**
 * The dltHub workspaces of an Nx tree, named as the inference plugin names them, so generators
 * accept `--workspace <project>` for exactly the projects `nx show projects` lists.
 */
import { existsSync } from 'node:fs';
import { posix, sep } from 'node:path';
import { createProjectGraphAsync, globAsync, workspaceRoot, type Tree } from '@nx/devkit';
import { DlthubError } from '@dlthub/config-core';
import { diskFileReader, readWorkspaceName, type SettingsFileReader } from '@dlthub/config-core/workspace-name';
import { WORKSPACE_MARKER_GLOB } from '../plugins/plugin';

export interface DltWorkspaceProject {
  /** Nx project name: `[workspace.settings] name`, else the folder name. */
  name: string;
  /** Tree-relative root ('.' for the repository root). */
  root: string;
}

export const MARKER_FILE = '.dlt/.workspace';

export function isDltWorkspace(tree: Tree, root: string): boolean {
  return tree.isFile(posix.join(root, MARKER_FILE));
}

/**
 * The files of a generator's tree as config-core's name reader sees them: paths inside the repository
 * come from the tree (so a name written earlier in the same generator run counts), others (the global
 * dlt dir) from the disk.
 */
function treeFileReader(tree: Tree): SettingsFileReader {
  const inTree = (file: string): string | null => {
    const relative = posix.relative(tree.root, file.split(sep).join(posix.sep));
    return relative.startsWith('..') || posix.isAbsolute(relative) ? null : relative;
  };
  return {
    list: (dir) => {
      const relative = inTree(dir);
      return relative === null ? diskFileReader.list(dir) : new Set(tree.children(relative));
    },
    read: (file) => {
      const relative = inTree(file);
      return relative === null ? diskFileReader.read(file) : tree.read(relative, 'utf-8');
    },
  };
}

/**
 * Same rule as the inference plugin and the CLI (config-core's `readWorkspaceName`: the environment,
 * then the active profile's secrets and config files before the workspace-wide ones, else the folder
 * name); a malformed TOML file falls back to the folder name, as inference does.
 */
export function workspaceNameInTree(tree: Tree, root: string): string {
  const absoluteRoot = posix.resolve(tree.root, root);
  try {
    return readWorkspaceName(absoluteRoot, { env: process.env, files: treeFileReader(tree) });
  } catch {
    return posix.basename(absoluteRoot);
  }
}

/** Every file path of a tree that exists only in memory (unit tests); real trees use Nx's file index. */
function walkTree(tree: Tree, dir = ''): string[] {
  return tree.children(dir).flatMap((child) => {
    const path = dir ? `${dir}/${child}` : child;
    return tree.isFile(path) ? [path] : walkTree(tree, path);
  });
}

async function findMarkers(tree: Tree): Promise<string[]> {
  if (existsSync(tree.root)) return globAsync(tree, [WORKSPACE_MARKER_GLOB]);
  return walkTree(tree).filter((path) => path === MARKER_FILE || path.endsWith(`/${MARKER_FILE}`));
}

/**
 * Project names by root from the Nx graph of a repository on disk: the names `nx show projects` lists,
 * including a `project.json` rename and the name the CLI computes. Empty for in-memory trees or when
 * the graph cannot be built (then the names come from the tree's config.toml).
 */
async function graphNamesByRoot(tree: Tree): Promise<Map<string, string>> {
  // The graph is the one of the Nx workspace this process runs in (`nx g`): only when that is the tree.
  if (tree.root !== workspaceRoot || !existsSync(posix.join(tree.root, 'nx.json'))) return new Map();
  try {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    return new Map(Object.values(graph.nodes).map((node) => [node.data.root, node.name]));
  } catch {
    return new Map();
  }
}

export async function listDltWorkspaces(tree: Tree, options: { graph?: boolean } = {}): Promise<DltWorkspaceProject[]> {
  const markers = await findMarkers(tree);
  const graphNames = options.graph ? await graphNamesByRoot(tree) : new Map<string, string>();
  return markers
    .map((marker) => {
      const root = posix.dirname(posix.dirname(marker));
      return { name: graphNames.get(root) ?? workspaceNameInTree(tree, root), root };
    })
    .sort((a, b) => a.root.localeCompare(b.root));
}

/** `--workspace` takes a project name or the workspace's directory. */
export async function resolveDltWorkspace(tree: Tree, workspace: string | undefined): Promise<DltWorkspaceProject> {
  const workspaces = await listDltWorkspaces(tree, { graph: true });
  const known = workspaces.map((ws) => `${ws.name} (${ws.root})`);
  const listing =
    known.length > 0
      ? `dltHub workspaces in this repository: ${known.join(', ')}.`
      : 'This repository has no dltHub workspace yet; create one with `nx g @dlthub/nx:workspace <name>`.';
  if (!workspace || workspace.trim() === '') {
    throw new DlthubError('Usage', 'Missing --workspace: name the dltHub workspace project to change.', {
      hint: listing,
    });
  }
  const wanted = workspace.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  const byName = workspaces.filter((ws) => ws.name === wanted);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0];
  if (byName.length > 1) {
    throw new DlthubError(
      'Usage',
      `Two dltHub workspaces are named "${wanted}": ${byName.map((ws) => ws.root).join(', ')}.`,
      {
        hint: 'Pass the workspace directory instead of its name.',
      },
    );
  }
  const byRoot = workspaces.find((ws) => ws.root === posix.normalize(wanted));
  if (byRoot) return byRoot;
  if (tree.exists(wanted) && !tree.isFile(wanted)) {
    throw new DlthubError('NotFound', `"${wanted}" exists and is not a dltHub workspace (no ${MARKER_FILE}).`, {
      hint: `Create one there with \`nx g @dlthub/nx:workspace <name> --directory ${wanted}\`, or pass an existing workspace. ${listing}`,
    });
  }
  throw new DlthubError('NotFound', `No dltHub workspace project "${wanted}".`, { hint: listing });
}
