import type { Command, CommanderError } from 'commander';
import type { DlthubError } from '@dlthub/config-core';
import { commands, groups } from './commands';
import type { CommandSpec } from './commands/types';
import type { Context, GlobalOptions } from './context';
import { Output } from './output';
import { fastParse } from './fast-parse';

function isCommanderError(error: unknown): error is CommanderError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'CommanderError';
}

/** @inquirer/prompts throws ExitPromptError when the user presses Ctrl+C at a prompt. */
function isPromptCancel(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ExitPromptError';
}

function toDlthubError(error: unknown): DlthubError {
  const { DlthubError, isDlthubError } = (require('./core') as typeof import('./core')).workspaceCore();
  if (isDlthubError(error)) return error;
  if (isCommanderError(error)) {
    return new DlthubError('Usage', error.message.replace(/^error: /, ''), {
      hint: 'Run `dlthub --help` (or `dlthub <command> --help`) for usage.',
    });
  }
  if (isPromptCancel(error)) return new DlthubError('Cancelled', 'Cancelled.');
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    // A file system failure that no library turned into a DlthubError (permissions, a full disk, …).
    const writing = /^(open|write|rename|mkdir|rmdir|unlink|rm|chmod|copyfile)$/.test(errno.syscall);
    return new DlthubError(writing ? 'WriteRefused' : 'FileReadError', errno.message, {
      location: errno.path ? { file: errno.path } : undefined,
      hint: errno.path
        ? `Check that ${errno.path} exists and that you may ${writing ? 'write' : 'read'} it.`
        : 'Check the file permissions.',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DlthubError('Internal', message, {
    hint: 'This is unexpected; re-run with -v for details and report it.',
  });
}

/** Parses `argv` (without node and script), runs the command, returns the exit code. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let output: Output | undefined;
  let program: Command | undefined;
  const outputFor = (options: GlobalOptions): Output =>
    (output ??= new Output({ json: Boolean(options.json), verbose: options.verbose ?? 0, env }));
  const execute = async (
    spec: CommandSpec,
    args: string[],
    options: Record<string, unknown>,
    globals: GlobalOptions,
  ): Promise<void> => {
    const out = outputFor(globals);
    const { createContext } = require('./context') as typeof import('./context');
    const context: Context = createContext(globals, out, env);
    await spec.load().run(context, args, options);
  };
  try {
    // Plain command lines skip commander entirely (start-up time); everything else gets its full parser.
    const fast = fastParse(argv, commands);
    if (fast) {
      await execute(fast.spec, fast.args, fast.options, fast.globals);
      return 0;
    }
    const { buildProgram } = require('./program') as typeof import('./program');
    program = buildProgram({ commands, groups, execute });
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (
      isCommanderError(error) &&
      (error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help')
    ) {
      return 0;
    }
    const globals: Partial<GlobalOptions> = program?.opts<GlobalOptions>() ?? {};
    const out = outputFor({ ...globals, json: globals.json ?? argv.includes('--json') });
    const failure = toDlthubError(error);
    out.error(failure);
    if (out.verbose > 0 && error instanceof Error && error.stack && !isCommanderError(error)) out.debug(error.stack);
    return (require('./core') as typeof import('./core')).workspaceCore().exitCodeFor(failure);
  }
}
