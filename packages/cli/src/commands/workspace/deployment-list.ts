/** `dlthub workspace deployment list`: the code package versions of the connected workspace, newest first. */
import { pageLimitMax, type Deployment } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { withConnected } from '../remote/setup';

export const deploymentLine = (deployment: Deployment) =>
  `v${deployment.version}  ${deployment.created_at}  ${deployment.file_count} file(s)  ${deployment.size} B  ${deployment.content_hash}`;

export async function run(context: Context): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const deployments: Deployment[] = [];
    for (;;) {
      const page = await client.listDeployments(workspaceId, { limit: pageLimitMax, offset: deployments.length });
      deployments.push(...page.items);
      if (page.items.length === 0 || deployments.length >= page.total) break;
    }
    deployments.sort((a, b) => b.version - a.version);
    context.out.result({ workspace_id: workspaceId, deployments }, () => deployments.map(deploymentLine));
    if (deployments.length === 0) context.out.info('No deployments yet. Deploy with `dlthub deploy`.');
  });
}
