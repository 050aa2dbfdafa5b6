/** Every command the binary knows: one table per area; platform commands add their own table here. */
import { localCommands, localGroups } from './local-commands';
import { platformCommands, platformGroups } from './platform-commands';
import { remoteCommands, remoteGroups } from './remote-commands';
import type { CommandSpec, GroupSpec } from './types';

export const groups: readonly GroupSpec[] = [...localGroups, ...platformGroups, ...remoteGroups];
export const commands: readonly CommandSpec[] = [...localCommands, ...platformCommands, ...remoteCommands];
