/** Every command the binary knows: one table per area; platform commands add their own table here. */
import { localCommands, localGroups } from './local-commands';
import type { CommandSpec, GroupSpec } from './types';

export const groups: readonly GroupSpec[] = [...localGroups];
export const commands: readonly CommandSpec[] = [...localCommands];
