/** `dlthub profile list`: `* name (current) (pinned) (configured) - description`, as dlt prints it. */
import type { Context } from '../../context';
import { listProfiles } from './profiles';

export function run(context: Context): void {
  const workspace = context.requireWorkspace({ registry: true });
  const profiles = listProfiles(workspace, context.registry());
  context.out.result({ profiles }, () => [
    'Available profiles:',
    ...profiles.map((entry) => {
      const marks = [entry.current && 'current', entry.pinned && 'pinned', entry.configured && 'configured']
        .filter(Boolean)
        .map((mark) => ` (${mark})`)
        .join('');
      return `* ${context.out.style('bold', entry.name)}${marks} - ${entry.description}`;
    }),
  ]);
}
