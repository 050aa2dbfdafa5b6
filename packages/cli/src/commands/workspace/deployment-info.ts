/** `dlthub workspace deployment info [version]`: one code package version (the latest by default) and its files. */
import { DlthubError } from '@dlthub/config-core';
import type { Context } from '../../context';
import { withConnected } from '../remote/setup';

export async function run(context: Context, [version]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const wanted = version ?? 'latest';
    const deployment = await client.getDeployment(workspaceId, wanted);
    if (!deployment)
      throw new DlthubError('NotFound', 'This workspace has no deployment yet.', {
        hint: 'Deploy with `dlthub deploy`.',
      });
    const { files } = await client.getDeploymentFiles(workspaceId, deployment.version);
    context.out.result({ ...deployment, files }, () => [
      `Deployment version ${deployment.version} (${deployment.id})`,
      `  created:      ${deployment.created_at}`,
      `  content hash: ${deployment.content_hash}`,
      `  size:         ${deployment.size} B, ${deployment.file_count} file(s)`,
      ...files.map((file) => `  ${file.relative_path} (${file.size_in_bytes} B)`),
    ]);
  });
}
