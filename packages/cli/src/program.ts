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
    .option(
      '--insecure',
      'allow a plain http:// control plane that is not on this machine (sends credentials unencrypted)',
    )
    .option('-v, --verbose', 'more detail (repeatable)', increase)
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const groupCommands = new Map<string, Command>();
  for (const group of setup.groups) {
    const words = group.name.split(' ');
    const parentGroup = words.length > 1 ? groupCommands.get(words.slice(0, -1).join(' ')) : program;
    if (!parentGroup) throw new Error(`group ${group.name}: its parent group is not declared before it`);
    const command = parentGroup
      .command(words[words.length - 1] ?? '')
      .description(group.summary)
      .exitOverride()
      .configureOutput({ outputError: () => undefined });
    groupCommands.set(group.name, command);
  }

  for (const spec of setup.commands) {
    const groupName = spec.path.slice(0, -1).join(' ');
    const parent = spec.path.length > 1 ? groupCommands.get(groupName) : program;
    if (!parent) throw new Error(`command ${spec.path.join(' ')}: group ${groupName} is not declared`);
    const name = spec.path[spec.path.length - 1] ?? '';
    const command = parent
      .command(name, spec.isDefault ? { isDefault: true } : {})
      .description(spec.summary)
      .exitOverride()
      .configureOutput({ outputError: () => undefined });
    for (const argument of spec.arguments ?? []) command.argument(argument);
    // `dlthub workspace conect` reaches the group's default command with a stray word: say which
    // subcommand was meant instead of commander's "too many arguments".
    const groupDefault = spec.isDefault && spec.path.length > 1 && (spec.arguments ?? []).length === 0;
    if (groupDefault) command.allowExcessArguments(true);
    for (const optionSpec of spec.options ?? []) {
      const option = new Option(optionSpec.flags, optionSpec.description);
      if (optionSpec.choices) option.choices([...optionSpec.choices]);
      if (optionSpec.defaultValue !== undefined) option.default(optionSpec.defaultValue);
      if (optionSpec.repeatable) option.argParser(collect);
      command.addOption(option);
    }
    command.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      if (groupDefault && self.args.length > 0)
        throw unknownSubcommand(setup.commands, spec.path[0] ?? '', self.args[0] ?? '');
      // A variadic argument (`<selector...>`) arrives as one array: the command gets its words in order.
      const args = (actionArgs.slice(0, -2) as Array<string | string[] | undefined>)
        .flat()
        .filter((value): value is string => value !== undefined);
      await setup.execute(spec, args, self.opts(), self.optsWithGlobals<GlobalOptions>());
    });
  }
  return program;
}

/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  // previous[j] / current[j]: distance between a's first i-1 / i characters and b's first j.
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownSubcommand(commands: readonly CommandSpec[], group: string, word: string): Error {
  const { DlthubError } = require('@dlthub/config-core/read') as typeof import('@dlthub/config-core/read');
  const names = commands
    .filter((spec) => spec.path.length === 2 && spec.path[0] === group)
    .flatMap((spec) => spec.path.slice(1, 2));
  const close = names
    .map((name) => ({ name, distance: editDistance(word, name) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance);
  return new DlthubError('Usage', `Unknown command \`dlthub ${group} ${word}\`.`, {
    hint: close[0]
      ? `Did you mean \`dlthub ${group} ${close[0].name}\`? (${group} commands: ${names.join(', ')})`
      : `${group} commands: ${names.join(', ')}. Run \`dlthub ${group} --help\`.`,
  });
}
