/** `dlthub workspace configuration list`: the configuration versions of the connected workspace, newest first. */
import { pageLimitMax, type Configuration } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { withConnected } from '../remote/setup';

export const configurationLine = (configuration: Configuration) =>
  `v${configuration.version}  ${configuration.created_at}  profiles ${configuration.profiles.join(', ') || 'none'}  ${configuration.size} B  ${configuration.content_hash}`;

export async function allConfigurations(
  client: import('@dlthub/workspace-client').WorkspaceClient,
  workspaceId: string,
): Promise<Configuration[]> {
  const configurations: Configuration[] = [];
  for (;;) {
    const page = await client.listConfigurations(workspaceId, { limit: pageLimitMax, offset: configurations.length });
    configurations.push(...page.items);
    if (page.items.length === 0 || configurations.length >= page.total) break;
  }
  return configurations.sort((a, b) => b.version - a.version);
}

export async function run(context: Context): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const configurations = await allConfigurations(client, workspaceId);
    context.out.result({ workspace_id: workspaceId, configurations }, () => configurations.map(configurationLine));
    if (configurations.length === 0)
      context.out.info('No configuration synced yet. Run `dlthub workspace configuration sync`.');
  });
}
