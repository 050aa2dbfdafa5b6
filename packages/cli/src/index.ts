export { run } from './run';
export type { Context, GlobalOptions } from './context';
export type { CommandModule, CommandSpec, GroupSpec, OptionSpec } from './commands/types';
export { Output } from './output';
