/**
 * `dlthub init`: the workspace file plan (dlt-semantics §1.3). Existing `.dlt/config.toml` and
 * `.dlt/secrets.toml` are always kept, even with force (only an explicit `--name` is written into
 * config.toml); an existing `.dlt/.workspace` is a conflict unless forced; an existing `.gitignore` only
 * gets the missing dlt lines merged in; an existing pyproject.toml / requirements.txt is never
 * rewritten: the workspace requirements it lacks are merged in, or it is left and the plan says what to add.
 */
import * as path from 'node:path';
import { setTomlValue } from '@dlthub/config-core';
import { parseToml } from '@dlthub/config-core/toml';
import { planDependencyMerge } from './dependencies';
import type { FileHost } from './file-host';
import { hostPath, SECRETS_FILE_MODE } from './file-host';
import { mergeGitignore } from './gitignore';
import { isOnPath } from './on-path';
import type { FilePlan, PlannedFile } from './plan';
import { makePlan } from './plan';
import { pythonProjectName } from './requirements';
import {
  DLT_GITIGNORE_LINES,
  pyprojectToml,
  requirementsTxt,
  WORKSPACE_SECRETS_TOML,
  workspaceConfigToml,
  DLT_HUB_REQUIREMENT,
  workspaceGitignore,
} from './workspace-templates';

export type DependencySystem = 'auto' | 'pyproject' | 'requirements';

export interface InitOptions {
  /** Host-relative workspace directory ('' or '.' = host root). */
  directory: string;
  /** Workspace name; defaults to the directory's basename (dlt). */
  name?: string;
  dependencies?: DependencySystem;
  force?: boolean;
  /** Whether `uv` is on PATH (for `auto`); detected from the process PATH when omitted. */
  uvOnPath?: boolean;
}

export function defaultWorkspaceName(host: FileHost, directory: string): string {
  return path.basename(path.resolve(host.root, directory)) || '_dlt';
}

function chooseDependencyFile(
  host: FileHost,
  directory: string,
  options: InitOptions,
): { file: 'pyproject.toml' | 'requirements.txt'; note: string } {
  const system = options.dependencies ?? 'auto';
  if (system === 'pyproject') return { file: 'pyproject.toml', note: 'pyproject.toml' };
  if (system === 'requirements') return { file: 'requirements.txt', note: 'requirements.txt' };
  // auto: keep whatever system the project already uses, else dlt's rule: pyproject when uv is on PATH.
  if (host.isFile(hostPath(directory, 'pyproject.toml')))
    return { file: 'pyproject.toml', note: 'pyproject.toml (existing)' };
  if (host.isFile(hostPath(directory, 'requirements.txt')))
    return { file: 'requirements.txt', note: 'requirements.txt (existing)' };
  const uv = options.uvOnPath ?? isOnPath('uv');
  return uv
    ? { file: 'pyproject.toml', note: 'pyproject.toml (uv detected)' }
    : { file: 'requirements.txt', note: 'requirements.txt (no uv on PATH)' };
}

/** `[workspace.settings] name` of an existing config.toml (null when absent or unreadable). */
function configuredWorkspaceName(text: string | null): string | null {
  if (text === null) return null;
  try {
    const name = (parseToml(text, '.dlt/config.toml') as { workspace?: { settings?: { name?: unknown } } }).workspace
      ?.settings?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

export function planInit(host: FileHost, options: InitOptions): FilePlan {
  const directory = options.directory;
  const force = options.force ?? false;
  const at = (relative: string): string => hostPath(directory, relative);
  const configPath = at('.dlt/config.toml');
  const existingConfig = host.read(configPath);
  // The name printed is the name written: --name, else the one config.toml already holds, else the folder's.
  const name = options.name ?? configuredWorkspaceName(existingConfig) ?? defaultWorkspaceName(host, directory);
  const projectName = pythonProjectName(name);
  const files: PlannedFile[] = [];
  const notes: string[] = [];

  const dependencies = chooseDependencyFile(host, directory, options);
  const dependencyPath = at(dependencies.file);
  if (!host.exists(dependencyPath)) {
    const content = dependencies.file === 'pyproject.toml' ? pyprojectToml(projectName) : requirementsTxt();
    files.push({ path: dependencyPath, action: 'CREATE', content });
  } else if (dependencies.file === 'pyproject.toml' || !host.isFile(at('pyproject.toml'))) {
    // A user's dependency file is never overwritten, not even with --force: what it lacks is merged in.
    const merge = planDependencyMerge(host, directory, [DLT_HUB_REQUIREMENT]);
    if (merge.file) files.push(merge.file);
    notes.push(...merge.notes);
  } else {
    files.push({ path: dependencyPath, action: 'KEEP', reason: 'exists' });
  }

  const gitignorePath = at('.gitignore');
  const existingGitignore = host.read(gitignorePath);
  if (existingGitignore === null) {
    files.push({ path: gitignorePath, action: 'CREATE', content: workspaceGitignore() });
  } else {
    const merged = mergeGitignore(existingGitignore, DLT_GITIGNORE_LINES);
    files.push(
      merged === null
        ? { path: gitignorePath, action: 'KEEP', reason: 'covers the dlt files' }
        : { path: gitignorePath, action: 'UPDATE', content: merged, reason: 'missing dlt lines added' },
    );
  }

  // dlt: config.toml and secrets.toml are preserved when they exist, even with --force; an explicit
  // --name is the one key written into an existing config.toml, line-preserving.
  if (existingConfig === null) {
    files.push({ path: configPath, action: 'CREATE', content: workspaceConfigToml(name) });
  } else if (options.name !== undefined && configuredWorkspaceName(existingConfig) !== options.name) {
    const content = setTomlValue(existingConfig, ['workspace', 'settings', 'name'], options.name, {
      file: configPath,
    });
    files.push({ path: configPath, action: 'UPDATE', content, reason: 'workspace name set' });
  } else {
    files.push({ path: configPath, action: 'KEEP', reason: 'never overwritten' });
  }
  const secretsPath = at('.dlt/secrets.toml');
  files.push(
    host.exists(secretsPath)
      ? { path: secretsPath, action: 'KEEP', reason: 'never overwritten' }
      : { path: secretsPath, action: 'CREATE', content: WORKSPACE_SECRETS_TOML, mode: SECRETS_FILE_MODE },
  );

  const markerPath = at('.dlt/.workspace');
  if (!host.exists(markerPath)) files.push({ path: markerPath, action: 'CREATE', content: '' });
  else if (force) files.push({ path: markerPath, action: 'OVERWRITE', content: '', reason: '--force' });
  else
    files.push({
      path: markerPath,
      action: 'CONFLICT',
      reason: 'a workspace already exists here; pass --force to re-initialize',
    });

  return makePlan(directory, files, [
    `Creating dlthub workspace at ${path.resolve(host.root, directory)}`,
    `Project name: ${name}`,
    ...(projectName === name ? [] : [`Python project name: ${projectName}`]),
    `Dependency system: ${dependencies.note}`,
    ...notes,
  ]);
}

/** What to do after a successful init (dlt prints the same steps). */
export function initNextSteps(plan: FilePlan): string[] {
  const usesPyproject = plan.files.some((file) => file.path.endsWith('pyproject.toml'));
  return [
    usesPyproject ? 'Install dependencies: uv sync' : 'Install dependencies: pip install -r requirements.txt',
    'Add credentials in .dlt/secrets.toml',
    'Run dlthub local info to verify',
  ];
}
