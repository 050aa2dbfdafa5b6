/**
 * What every command gets: the parsed global flags, the injected environment, the output layer, and
 * lazily built registry and workspace (so a command only pays for what it uses).
 */
// Named imports (not `* as`): the namespace helper copies every export, a cost paid at each start-up.
import { resolve } from 'node:path';
import type { DlthubError as DlthubErrorType, Env, Registry, Workspace } from '@dlthub/config-core';
import { core, workspaceCore } from './core';
import type { Output } from './output';

export interface GlobalOptions {
  /** `-C <dir>` */
  C?: string;
  /** `--profile`, repeatable (`destination add` takes several). */
  profile?: string[];
  json?: boolean;
  yes?: boolean;
  nonInteractive?: boolean;
  /** `--insecure`: allow a plain-http control plane that is not on loopback. */
  insecure?: boolean;
  verbose?: number;
}

export interface Context {
  readonly out: Output;
  readonly env: Env;
  /** Directory the command runs in (`-C`, else the process cwd). */
  readonly cwd: string;
  /** The one `--profile` given, if any (several are a usage error outside `destination add`). */
  readonly profile: string | undefined;
  readonly profiles: string[];
  readonly yes: boolean;
  /** `--insecure` was given. */
  readonly insecure: boolean;
  /** False with --non-interactive or when stdin is not a TTY: then nothing ever prompts. */
  readonly interactive: boolean;
  /** The global settings dir: DLTHUB_GLOBAL_DIR or dlt's rule. */
  globalDir(): string;
  registry: () => Registry;
  /** The workspace (or classic run context) at `cwd`, opened once. */
  workspace(options?: { registry?: boolean }): Workspace;
  /** Like `workspace()`, but a directory without `.dlt/.workspace` is an error that says how to create one. */
  requireWorkspace(options?: { registry?: boolean }): Workspace;
  /** A yes/no confirmation: `-y` answers yes; without a TTY it fails telling which flag to pass. */
  confirm(message: string, flag?: string): Promise<boolean>;
}

export function usageError(message: string, hint?: string): DlthubErrorType {
  const { DlthubError } = workspaceCore();
  return new DlthubError('Usage', message, { hint });
}

export function workspaceNotFound(cwd: string): DlthubErrorType {
  const { DlthubError } = workspaceCore();
  return new DlthubError('WorkspaceNotFound', `No dltHub workspace in ${cwd} (no .dlt/.workspace).`, {
    hint: 'Run `dlthub init` here, or pass -C <workspace dir>.',
  });
}

/** A profile name typed on the command line, checked by config-core's one profile-name rule (a usage error, exit 2). */
export function assertProfileArgument(name: string, origin: string): void {
  workspaceCore().assertProfileName(name, origin);
}

function isDirectory(dir: string): boolean {
  try {
    return (require('node:fs') as typeof import('node:fs')).statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Whether stdin is a terminal. Asked only when a command wants to prompt: building `process.stdin` costs start-up time. */
const stdinIsTerminal = (): boolean => Boolean(process.stdin.isTTY);

export function createContext(
  options: GlobalOptions,
  out: Output,
  env: Env = process.env,
  isTerminal: () => boolean = stdinIsTerminal,
): Context {
  const cwd = resolve(process.cwd(), options.C ?? '.');
  if (options.C !== undefined && !isDirectory(cwd)) {
    throw usageError(`-C ${options.C}: no such directory (${cwd}).`, 'Pass an existing directory to -C.');
  }
  const profiles = options.profile ?? [];
  let registry: Registry | undefined;
  const workspaces = new Map<boolean, Workspace>();
  let noticeShown = false;

  const context: Context = {
    out,
    env,
    cwd,
    profile: profiles[profiles.length - 1],
    profiles,
    yes: Boolean(options.yes),
    insecure: Boolean(options.insecure),
    get interactive() {
      return !options.nonInteractive && isTerminal();
    },
    globalDir: () => core().resolveGlobalDir({ env }),
    registry: () => {
      if (!registry) {
        const { loadCliRegistry } = require('./plugins') as typeof import('./plugins');
        const loaded = loadCliRegistry(cwd);
        for (const warning of loaded.warnings) out.warn(warning);
        registry = loaded.registry;
      }
      return registry;
    },
    workspace: (workspaceOptions = {}) => {
      const withRegistry = workspaceOptions.registry ?? false;
      let workspace = workspaces.get(withRegistry);
      if (!workspace) {
        if (profiles.length > 1)
          throw usageError('--profile was given more than once.', 'Pass a single --profile <name>.');
        if (context.profile !== undefined) assertProfileArgument(context.profile, '--profile');
        workspace = workspaceCore().openWorkspace({
          cwd,
          env,
          profile: context.profile,
          globalDir: env.DLTHUB_GLOBAL_DIR ? resolve(env.DLTHUB_GLOBAL_DIR) : undefined,
          registry: withRegistry ? context.registry() : undefined,
        });
        workspaces.set(withRegistry, workspace);
        // dlt prints this on stderr whenever the active profile is not the default one (§2.2).
        if (!noticeShown && workspace.profile && workspace.profile !== workspaceCore().DEFAULT_PROFILE) {
          noticeShown = true;
          out.info(`Profile \`${workspace.profile}\` is active.`);
        }
      }
      return workspace;
    },
    requireWorkspace: (workspaceOptions) => {
      const workspace = context.workspace(workspaceOptions);
      if (workspace.mode !== 'workspace') throw workspaceNotFound(cwd);
      return workspace;
    },
    confirm: async (message, flag = '--yes') => {
      if (context.yes) return true;
      if (!context.interactive) {
        throw usageError(
          `${message} Confirmation needed, but there is no terminal to ask.`,
          `Pass ${flag} to proceed without a prompt.`,
        );
      }
      const { confirm } = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
      return confirm({ message, default: false }, { output: process.stderr });
    },
  };
  return context;
}
