import type { Context } from '../context';

/** What a command file exports: one `run`, given the context, its positional arguments and its own options. */
export interface CommandModule {
  run(context: Context, args: string[], options: Record<string, unknown>): Promise<void> | void;
}

export interface OptionSpec {
  flags: string;
  description: string;
  defaultValue?: string | boolean;
  choices?: readonly string[];
  /** The flag may be given several times; the command gets every value in order (`-c a=1 -c b=2`). */
  repeatable?: boolean;
}

/**
 * One command as the parser sees it. `load` requires the command file only when it runs, so start-up
 * never pays for commands it does not execute. Platform commands (login, workspace, configuration sync,
 * deploy) are added as further files and one entry each in their own table.
 */
export interface CommandSpec {
  /** e.g. `['config', 'get']`; a one-element path is a top-level command. */
  path: readonly string[];
  summary: string;
  arguments?: readonly string[];
  options?: readonly OptionSpec[];
  /** The subcommand run when only the group is given (`dlthub profile` = `profile info`). */
  isDefault?: boolean;
  load: () => CommandModule;
}

export interface GroupSpec {
  /** A group's words: `job`, or `job runs` for a group nested in `job` (declared after it). */
  name: string;
  summary: string;
}
