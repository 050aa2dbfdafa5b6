/**
 * Inference: every directory holding `.dlt/.workspace` becomes an Nx project with targets that run
 * the `dlthub` CLI there. Nx calls this on every graph computation, in a plugin worker, so the
 * module only loads `node:fs`, `node:path` and smol-toml (no devkit, no registry, no zod).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type {
  CreateNodesContext,
  CreateNodesResult,
  CreateNodesResultArray,
  CreateNodesV2,
  TargetConfiguration,
} from '@nx/devkit';

export interface DlthubPluginOptions {
  /** Name of the `dlthub local info` target; `false` leaves it out. */
  infoTargetName?: string | false;
  /** Name of the `dlthub config validate` target; `false` leaves it out. */
  validateTargetName?: string | false;
  /** Name of the `dlthub configuration sync` target; `false` leaves it out. */
  syncTargetName?: string | false;
}

type NormalizedOptions = Required<DlthubPluginOptions>;

/** Marker file of a dltHub workspace (dlt: `.dlt/.workspace` switches profiles on). */
export const WORKSPACE_MARKER_GLOB = '**/.dlt/.workspace';

const DEFAULT_OPTIONS: NormalizedOptions = {
  infoTargetName: 'dlthub-info',
  validateTargetName: 'dlthub-validate',
  syncTargetName: 'dlthub-sync',
};

/** Named input each inferred project defines, so nx.json `targetDefaults` can reuse it too. */
export const CONFIG_INPUT_NAME = 'dlthubConfig';

/**
 * Files whose content decides the output of `info` and `validate`. Secrets files are left out on
 * purpose: a cache key must never depend on credentials (see README, "Caching").
 */
const CONFIG_INPUTS = [
  '{projectRoot}/.dlt/.workspace',
  '{projectRoot}/.dlt/config.toml',
  '{projectRoot}/.dlt/*.config.toml',
  '{projectRoot}/.dlt/profile-name',
  '{projectRoot}/.gitignore',
  { env: 'WORKSPACE__PROFILE' },
];

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
 * Workspace name as dlt reads it: `[workspace.settings] name` in `.dlt/config.toml`, else the
 * folder name. An unreadable or malformed config.toml falls back to the folder name so one typo
 * never breaks the whole graph; `dlthub-validate` reports the syntax error with its line.
 */
export function readWorkspaceName(absoluteRoot: string): string {
  const fallback = basename(absoluteRoot);
  let text: string;
  try {
    text = readFileSync(join(absoluteRoot, '.dlt', 'config.toml'), 'utf-8');
  } catch {
    return fallback;
  }
  const name = workspaceNameFromToml(text);
  return name !== undefined && name.trim() !== '' ? name.trim() : fallback;
}

const SETTINGS_HEADER = /^[ \t]*\[[ \t]*workspace[ \t]*\.[ \t]*settings[ \t]*\][ \t]*(?:#.*)?$/;
const ANY_HEADER = /^[ \t]*\[/;
/** `name = "plain"` or `name = 'literal'`: no escapes, so the text between the quotes is the value. */
const NAME_LINE = /^[ \t]*name[ \t]*=[ \t]*(?:"([^"\\]*)"|'([^']*)')[ \t]*(?:#.*)?$/;

/**
 * `[workspace.settings] name` of a config.toml, undefined when absent or unreadable. Inference reads
 * every workspace on every graph computation, so the layout `dlthub init` writes (that header, then a
 * plain `name = "..."`, and no other mention of "workspace") is read with a line scan; anything else
 * (dotted keys, inline tables, escapes, multi-line strings, [workspace.runtime]...) gets the TOML parser.
 */
export function workspaceNameFromToml(text: string): string | undefined {
  if (!text.includes('workspace')) return undefined;
  const lines = text.split(/\r?\n/);
  const headers = lines.filter((line) => SETTINGS_HEADER.test(line)).length;
  const mentions = text.split('workspace').length - 1;
  if (headers === 1 && mentions === 1 && !text.includes('"""') && !text.includes("'''")) {
    let inSettings = false;
    for (const line of lines) {
      if (ANY_HEADER.test(line)) inSettings = SETTINGS_HEADER.test(line);
      else if (inSettings) {
        const match = NAME_LINE.exec(line);
        if (match) return match[1] ?? match[2];
      }
    }
  }
  return parsedWorkspaceName(text);
}

function parsedWorkspaceName(text: string): string | undefined {
  // Loaded on demand: most config.toml files never need the full parser.
  const { parse } = require('smol-toml') as typeof import('smol-toml');
  try {
    const name = (parse(text) as { workspace?: { settings?: { name?: unknown } } }).workspace?.settings?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function runTarget(root: string, command: string, description: string, cached: boolean): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { command, cwd: root },
    cache: cached,
    ...(cached ? { inputs: [CONFIG_INPUT_NAME] } : {}),
    metadata: { description },
  };
}

export function createWorkspaceTargets(root: string, options: NormalizedOptions): Record<string, TargetConfiguration> {
  const targets: Record<string, TargetConfiguration> = {};
  if (options.infoTargetName !== false) {
    targets[options.infoTargetName] = runTarget(
      root,
      'dlthub local info',
      'Show the workspace, profile and local dirs',
      true,
    );
  }
  if (options.validateTargetName !== false) {
    targets[options.validateTargetName] = runTarget(
      root,
      'dlthub config validate',
      'Validate named destinations, secret placement and .gitignore coverage',
      true,
    );
  }
  if (options.syncTargetName !== false) {
    // Uploads to the control plane: a side effect, never served from cache.
    targets[options.syncTargetName] = runTarget(
      root,
      'dlthub configuration sync',
      'Upload the synced profiles to the dltHub workspace',
      false,
    );
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
  return { markerFile, root, name: readWorkspaceName(join(context.workspaceRoot, root)) };
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

function projectResult(ws: InferredWorkspace, options: NormalizedOptions): CreateNodesResult {
  return {
    projects: {
      [ws.root]: {
        name: ws.name,
        namedInputs: { [CONFIG_INPUT_NAME]: [...CONFIG_INPUTS] },
        targets: createWorkspaceTargets(ws.root, options),
        tags: ['dlthub:workspace'],
        metadata: { technologies: ['dlthub'] },
      },
    },
  };
}

export const createNodesV2: CreateNodesV2<DlthubPluginOptions> = [
  WORKSPACE_MARKER_GLOB,
  (markerFiles, rawOptions, context): CreateNodesResultArray => {
    const options = normalizeOptions(rawOptions);
    const workspaces = disambiguateNames(markerFiles.map((file) => inferWorkspace(file, context)));
    return workspaces.map((ws) => [ws.markerFile, projectResult(ws, options)] as const);
  },
];

/** Nx 22+ calls `createNodes` with the v2 signature; older ones read `createNodesV2`. */
export const createNodes = createNodesV2;
