/**
 * A parser for the everyday shapes of a command line — `[globals] <command> [args] [options]` with only
 * declared flags — over the same command table commander is built from. It exists for start-up time:
 * commander and the whole command tree cost more than the rest of `dlthub config get`. Anything it does
 * not fully recognise (help, `--opt=value`, bundled short flags, unknown or missing pieces, bad choices)
 * returns null, and commander parses it with its complete behaviour and error messages.
 */
import type { GlobalOptions } from './context';
import type { CommandSpec, OptionSpec } from './commands/types';

export interface FastParse {
  spec: CommandSpec;
  args: string[];
  options: Record<string, unknown>;
  globals: GlobalOptions;
}

interface FlagShape {
  short?: string;
  long: string;
  attribute: string;
  takesValue: boolean;
  negate: boolean;
  spec?: OptionSpec;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function shapeOf(flags: string, spec?: OptionSpec): FlagShape | null {
  const match = /^(?:-([A-Za-z]), )?--([a-z][\w-]*)(?: <[^>]+>)?$/.exec(flags);
  if (!match) return null;
  const long = match[2] ?? '';
  const negate = long.startsWith('no-');
  return {
    short: match[1],
    long,
    attribute: camel(negate ? long.slice(3) : long),
    takesValue: flags.includes('<'),
    negate,
    spec,
  };
}

const GLOBAL_FLAGS: Record<string, { attribute: keyof GlobalOptions; kind: 'value' | 'collect' | 'flag' | 'count' }> = {
  '-C': { attribute: 'C', kind: 'value' },
  '--profile': { attribute: 'profile', kind: 'collect' },
  '--json': { attribute: 'json', kind: 'flag' },
  '-y': { attribute: 'yes', kind: 'flag' },
  '--yes': { attribute: 'yes', kind: 'flag' },
  '--non-interactive': { attribute: 'nonInteractive', kind: 'flag' },
  '--insecure': { attribute: 'insecure', kind: 'flag' },
  '-v': { attribute: 'verbose', kind: 'count' },
  '--verbose': { attribute: 'verbose', kind: 'count' },
};

function isGroup(commands: readonly CommandSpec[], name: string): boolean {
  return commands.some((candidate) => candidate.path.length === 2 && candidate.path[0] === name);
}

function commandShapes(spec: CommandSpec): FlagShape[] | null {
  const shapes: FlagShape[] = [];
  for (const option of spec.options ?? []) {
    const shape = shapeOf(option.flags, option);
    if (!shape) return null;
    shapes.push(shape);
  }
  return shapes;
}

export function fastParse(argv: readonly string[], commands: readonly CommandSpec[]): FastParse | null {
  const globals: Record<string, unknown> = {};
  const path: string[] = [];
  let spec: CommandSpec | undefined;
  let shapes: FlagShape[] = [];
  const options: Record<string, unknown> = {};
  const args: string[] = [];

  const enter = (found: CommandSpec): boolean => {
    spec = found;
    const parsed = commandShapes(found);
    if (!parsed) return false;
    shapes = parsed;
    for (const shape of shapes) {
      if (shape.negate) options[shape.attribute] = true;
      else if (shape.spec?.defaultValue !== undefined) options[shape.attribute] = shape.spec.defaultValue;
    }
    return true;
  };

  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? '';
    const global = GLOBAL_FLAGS[token];
    if (global) {
      if (global.kind === 'flag') globals[global.attribute] = true;
      else if (global.kind === 'count')
        globals[global.attribute] = ((globals[global.attribute] as number | undefined) ?? 0) + 1;
      else {
        const value = argv[++index];
        if (value === undefined || value.startsWith('-')) return null;
        globals[global.attribute] =
          global.kind === 'collect' ? [...((globals[global.attribute] as string[] | undefined) ?? []), value] : value;
      }
      continue;
    }
    if (token.startsWith('-')) {
      // Only declared long/short flags of the command already named; `--x=v`, `--`, help etc. go to commander.
      if (!spec && path.length === 1) {
        const fallback = commands.find((candidate) => candidate.isDefault && candidate.path[0] === path[0]);
        if (!fallback || !enter(fallback)) return null;
      }
      if (!spec) return null;
      const shape = shapes.find(
        (candidate) =>
          `--${candidate.long}` === token || (candidate.short !== undefined && `-${candidate.short}` === token),
      );
      if (!shape) return null;
      if (!shape.takesValue) {
        options[shape.attribute] = !shape.negate;
        continue;
      }
      const value = argv[++index];
      if (value === undefined || value.startsWith('-')) return null;
      if (shape.spec?.choices && !shape.spec.choices.includes(value)) return null;
      options[shape.attribute] = shape.spec?.repeatable
        ? [...((options[shape.attribute] as string[] | undefined) ?? []), value]
        : value;
      continue;
    }
    if (spec) {
      args.push(token);
      continue;
    }
    path.push(token);
    const exact = commands.find(
      (candidate) => candidate.path.length === path.length && candidate.path.every((part, i) => part === path[i]),
    );
    if (exact) {
      if (!enter(exact)) return null;
    } else if (path.length > 1 || !isGroup(commands, token)) {
      return null;
    }
  }
  if (!spec && path.length === 1) {
    const fallback = commands.find((candidate) => candidate.isDefault && candidate.path[0] === path[0]);
    if (!fallback || !enter(fallback)) return null;
  }
  if (!spec) return null;
  const declared = spec.arguments ?? [];
  const required = declared.filter((argument) => argument.startsWith('<')).length;
  if (args.length < required || args.length > declared.length) return null;
  return { spec, args, options, globals: globals };
}
