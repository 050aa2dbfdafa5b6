/** The commander program: global flags, groups and commands from the command tables, nothing loaded eagerly. */
import { Command, Option } from 'commander';
import type { GlobalOptions } from './context';
import type { CommandSpec, GroupSpec } from './commands/types';
import { version } from './version';

export interface ProgramSetup {
  commands: readonly CommandSpec[];
  groups: readonly GroupSpec[];
  execute(spec: CommandSpec, args: string[], options: Record<string, unknown>, globals: GlobalOptions): Promise<void>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const increase = (_value: string, previous: number | undefined): number => (previous ?? 0) + 1;

export function buildProgram(setup: ProgramSetup): Command {
  const program = new Command('dlthub')
    .description('dltHub workspaces: scaffold, profiles, layered TOML configuration, destinations')
    .version(version, '--version', 'print the version')
    .option('-C <dir>', 'run as if started in <dir>')
    .option('--profile <name>', 'profile to use (repeatable where a command takes several)', collect)
    .option('--json', 'print one JSON document on stdout')
    .option('-y, --yes', 'answer yes to confirmations')
    .option('--non-interactive', 'never prompt (implied when stdin is not a terminal)')
    .option('-v, --verbose', 'more detail (repeatable)', increase)
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const groupCommands = new Map<string, Command>();
  for (const group of setup.groups) {
    const command = program
      .command(group.name)
      .description(group.summary)
      .exitOverride()
      .configureOutput({ outputError: () => undefined });
    groupCommands.set(group.name, command);
  }

  for (const spec of setup.commands) {
    const parent = spec.path.length > 1 ? groupCommands.get(spec.path[0] ?? '') : program;
    if (!parent) throw new Error(`command ${spec.path.join(' ')}: group ${spec.path[0]} is not declared`);
    const name = spec.path[spec.path.length - 1] ?? '';
    const command = parent
      .command(name, spec.isDefault ? { isDefault: true } : {})
      .description(spec.summary)
      .exitOverride()
      .configureOutput({ outputError: () => undefined });
    for (const argument of spec.arguments ?? []) command.argument(argument);
    for (const optionSpec of spec.options ?? []) {
      const option = new Option(optionSpec.flags, optionSpec.description);
      if (optionSpec.choices) option.choices([...optionSpec.choices]);
      if (optionSpec.defaultValue !== undefined) option.default(optionSpec.defaultValue);
      command.addOption(option);
    }
    command.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      const args = (actionArgs.slice(0, -2) as Array<string | undefined>).filter(
        (value): value is string => value !== undefined,
      );
      await setup.execute(spec, args, self.opts(), self.optsWithGlobals() as GlobalOptions);
    });
  }
  return program;
}
