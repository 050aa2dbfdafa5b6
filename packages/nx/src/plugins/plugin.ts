/**
 * Inference: every directory holding `.dlt/.workspace` becomes an Nx project with targets that run
 * the `dlthub` CLI and the workspace's Python tools there. Nx calls this on every graph computation,
 * in a plugin worker, so the module loads only node builtins and config-core's name reader (no
 * devkit, no registry, no zod).
 */
import { basename, dirname, join } from 'node:path';
import { readWorkspaceName } from '@dlthub/config-core/workspace-name';
import type {
  CreateNodesContext,
  CreateNodesResult,
  CreateNodesResultArray,
  CreateNodesV2,
  TargetConfiguration,
} from '@nx/devkit';
import { WORKSPACE_TAG } from './dependencies';
import { dlthubCommand, pythonTaskCommand, resolveCommandPaths, type CommandPaths } from './commands';
import { pipelineName, pythonLayout, type PythonLayout } from './python-files';

export interface DlthubPluginOptions {
  /** Name of the `dlthub local info` target; `false` leaves it out. */
  infoTargetName?: string | false;
  /** Name of the `dlthub config validate` target (active profile); `false` leaves it out. */
  validateTargetName?: string | false;
  /** Name of the `dlthub config validate --synced` target, which sync and deploy depend on. */
  validateSyncedTargetName?: string | false;
  /** Name of the `dlthub configuration sync` target; `false` leaves it out. */
  syncTargetName?: string | false;
  /** Name of the `dlthub deploy` target; `false` leaves it out. */
  deployTargetName?: string | false;
  /** Name of the Python dependency install target (`uv sync` / pip); `false` leaves it out. */
  installTargetName?: string | false;
  /** Prefix of the per-pipeline targets (`run-github` for github_pipeline.py); `false` leaves them out. */
  runTargetPrefix?: string | false;
  /** Name of the pytest target (inferred when tests exist); `false` leaves it out. */
  testTargetName?: string | false;
  /** Name of the ruff target (inferred when ruff is a dependency); `false` leaves it out. */
  lintTargetName?: string | false;
}

type NormalizedOptions = Required<DlthubPluginOptions>;

/** Marker file of a dltHub workspace (dlt: `.dlt/.workspace` switches profiles on). */
export const WORKSPACE_MARKER_GLOB = '**/.dlt/.workspace';

const DEFAULT_OPTIONS: NormalizedOptions = {
  infoTargetName: 'dlthub-info',
  validateTargetName: 'dlthub-validate',
  validateSyncedTargetName: 'dlthub-validate-synced',
  syncTargetName: 'dlthub-sync',
  deployTargetName: 'deploy',
  installTargetName: 'install',
  runTargetPrefix: 'run-',
  testTargetName: 'test',
  lintTargetName: 'lint',
};

export function normalizeOptions(options: DlthubPluginOptions | undefined): NormalizedOptions {
  const normalized = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof NormalizedOptions)[]) {
    const value = options?.[key];
    if (value === undefined) continue;
    if (value !== false && (typeof value !== 'string' || value.trim() === '')) {
      throw new Error(
        `@dlthub/nx: plugin option "${key}" in nx.json must be a non-empty target name or false, got ${JSON.stringify(value)}.`,
      );
    }
    normalized[key] = value;
  }
  return normalized;
}

/**
 * Workspace name exactly as the CLI computes it (config-core's `readWorkspaceName`: env, then the
 * profile's secrets and config files, project before global, else the folder name). A malformed TOML
 * file falls back to the folder name so one typo never breaks the whole graph; `dlthub-validate`
 * reports the syntax error with its line.
 */
export function inferredWorkspaceName(absoluteRoot: string, globalDir?: string): string {
  try {
    return readWorkspaceName(absoluteRoot, { env: process.env, ...(globalDir ? { globalDir } : {}) });
  } catch {
    return basename(absoluteRoot);
  }
}

function target(
  root: string,
  command: string,
  description: string,
  extra: Partial<TargetConfiguration> = {},
): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { command, cwd: root },
    cache: false,
    ...extra,
    metadata: { description, technologies: ['dlthub'] },
  };
}

/**
 * ruff's result depends on the Python sources, its configuration and its version (pinned by the lock
 * or requirements file); no npm package changes it.
 */
const LINT_INPUTS = [
  '{projectRoot}/**/*.py',
  '{projectRoot}/pyproject.toml',
  '{projectRoot}/ruff.toml',
  '{projectRoot}/.ruff.toml',
  '{projectRoot}/uv.lock',
  '{projectRoot}/requirements*.txt',
  '{workspaceRoot}/pyproject.toml',
  '{workspaceRoot}/ruff.toml',
  '{workspaceRoot}/.ruff.toml',
  { externalDependencies: [] as string[] },
];

/**
 * Every target that reads the configuration is uncached: its result also depends on secrets files,
 * the global dir (`~/.dlt`), environment variables, pipeline state and the plugin packages, none of
 * which a cache key can hold honestly (see README, "Caching").
 */
export function createWorkspaceTargets(
  root: string,
  options: NormalizedOptions,
  layout: PythonLayout,
  paths: CommandPaths,
  workspaceRoot: string,
): Record<string, TargetConfiguration> {
  const dlthub = (args: string) => dlthubCommand(paths, workspaceRoot, root, args);
  const python = (args: string) => pythonTaskCommand(paths, workspaceRoot, root, args);
  const targets: Record<string, TargetConfiguration> = {};
  const validateSynced = options.validateSyncedTargetName;
  const afterValidation = validateSynced === false ? {} : { dependsOn: [validateSynced] };
  const install = layout.dependencies !== null ? options.installTargetName : false;
  const afterInstall = install === false ? {} : { dependsOn: [install] };

  if (options.infoTargetName !== false) {
    targets[options.infoTargetName] = target(
      root,
      dlthub('local info'),
      'Show the workspace, profile, local dirs and pipelines',
    );
  }
  if (options.validateTargetName !== false) {
    targets[options.validateTargetName] = target(
      root,
      dlthub('config validate'),
      'Validate the active profile: destinations, secret placement, placeholders, .gitignore',
    );
  }
  if (validateSynced !== false) {
    targets[validateSynced] = target(
      root,
      dlthub('config validate --synced'),
      'Validate every synced profile (what sync and deploy upload)',
    );
  }
  if (options.syncTargetName !== false) {
    targets[options.syncTargetName] = target(
      root,
      dlthub('configuration sync'),
      'Upload the synced profiles to the dltHub workspace',
      afterValidation,
    );
  }
  if (options.deployTargetName !== false) {
    targets[options.deployTargetName] = target(
      root,
      dlthub('deploy'),
      'Deploy to dltHub: log in, connect, upload the validated configuration',
      afterValidation,
    );
  }
  if (install !== false) {
    targets[install] = target(
      root,
      python('install'),
      layout.dependencies === 'pyproject'
        ? 'Install the Python dependencies with `uv sync`'
        : 'Install requirements.txt into .venv with pip',
    );
  }
  if (options.runTargetPrefix !== false) {
    for (const script of layout.pipelines) {
      targets[`${options.runTargetPrefix}${pipelineName(script)}`] = target(
        root,
        python(`run ${script}`),
        `Run ${script} with the dev profile`,
        {
          ...afterInstall,
          options: { command: python(`run ${script}`), cwd: root, env: { WORKSPACE__PROFILE: 'dev' } },
        },
      );
    }
  }
  if (options.testTargetName !== false && layout.hasTests) {
    targets[options.testTargetName] = target(root, python('test'), 'Run pytest with the tests profile', {
      ...afterInstall,
      options: { command: python('test'), cwd: root, env: { WORKSPACE__PROFILE: 'tests' } },
    });
  }
  if (options.lintTargetName !== false && layout.hasRuff) {
    targets[options.lintTargetName] = target(root, python('lint'), 'Check the Python code with ruff', {
      ...afterInstall,
      cache: true,
      inputs: LINT_INPUTS,
      outputs: [],
    });
  }
  return targets;
}

interface InferredWorkspace {
  markerFile: string;
  root: string;
  name: string;
}

function inferWorkspace(markerFile: string, context: CreateNodesContext): InferredWorkspace {
  // markerFile is `<root>/.dlt/.workspace`, relative to the Nx workspace root ('/' separators).
  const root = dirname(dirname(markerFile)).replace(/\\/g, '/');
  return { markerFile, root, name: inferredWorkspaceName(join(context.workspaceRoot, root)) };
}

/**
 * Two workspaces with the same `[workspace.settings] name` would make Nx refuse the whole graph;
 * those few are named by their root path instead (unique by construction), the rest keep theirs.
 */
export function disambiguateNames(workspaces: readonly InferredWorkspace[]): InferredWorkspace[] {
  const counts = new Map<string, number>();
  for (const ws of workspaces) counts.set(ws.name, (counts.get(ws.name) ?? 0) + 1);
  return workspaces.map((ws) => ((counts.get(ws.name) ?? 0) > 1 ? { ...ws, name: ws.root } : ws));
}

function projectResult(
  ws: InferredWorkspace,
  options: NormalizedOptions,
  paths: CommandPaths,
  context: CreateNodesContext,
): CreateNodesResult {
  const layout = pythonLayout(join(context.workspaceRoot, ws.root));
  return {
    projects: {
      [ws.root]: {
        name: ws.name,
        targets: createWorkspaceTargets(ws.root, options, layout, paths, context.workspaceRoot),
        tags: [WORKSPACE_TAG],
        metadata: { technologies: ['dlthub', 'python'] },
      },
    },
  };
}

export const createNodesV2: CreateNodesV2<DlthubPluginOptions> = [
  WORKSPACE_MARKER_GLOB,
  (markerFiles, rawOptions, context): CreateNodesResultArray => {
    const options = normalizeOptions(rawOptions);
    const paths = resolveCommandPaths(context.workspaceRoot);
    const workspaces = disambiguateNames(markerFiles.map((file) => inferWorkspace(file, context)));
    return workspaces.map((ws) => [ws.markerFile, projectResult(ws, options, paths, context)] as const);
  },
];

/** Nx 22+ calls `createNodes` with the v2 signature; older ones read `createNodesV2`. */
export const createNodes = createNodesV2;

export { createDependencies, WORKSPACE_TAG } from './dependencies';
