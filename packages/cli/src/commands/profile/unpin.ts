/** `dlthub profile unpin`: delete `.dlt/profile-name`; the default profile applies again. */
import type { Context } from '../../context';
import { core } from '../../core';

export function run(context: Context): void {
  const workspace = context.requireWorkspace();
  const removed = core().unpinProfile(workspace.rootDir);
  context.out.result({ unpinned: removed, previous: workspace.pinnedProfile }, () => []);
  context.out.info(removed ? `Unpinned profile \`${workspace.pinnedProfile ?? ''}\`.` : 'No pinned profile.');
}
