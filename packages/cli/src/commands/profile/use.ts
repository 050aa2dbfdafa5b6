/** `dlthub profile use <name>`: pin the profile in `.dlt/profile-name` (dlt §2.3). */
import * as path from 'node:path';
import type { Context } from '../../context';
import { assertProfileArgument } from '../../context';
import { core } from '../../core';

export function run(context: Context, [name = '']: string[]): void {
  assertProfileArgument(name, 'profile use');
  const workspace = context.requireWorkspace();
  const file = core().pinProfile(workspace.rootDir, name);
  const shown = path.relative(workspace.rootDir, file).split(path.sep).join('/');
  context.out.result({ pinned: name, file: shown }, () => []);
  context.out.info(
    `Pinned profile \`${name}\` for this workspace (${shown}). \`dlthub profile unpin\` removes the pin.`,
  );
}
