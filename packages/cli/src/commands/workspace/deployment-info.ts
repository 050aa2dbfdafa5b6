/** `dlthub workspace deployment info [version]`: one code package version (the latest by default) and its files. */
import type { DeploymentRequirements } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { Context } from '../../context';
import { withConnected } from '../remote/setup';

/** `main: 2 requirement(s), reports: 1` — the groups the runner installs first. */
function dependencySummary(requirements: DeploymentRequirements): string {
  return Object.entries(requirements.groups)
    .map(([group, specs]) => `${group}: ${specs.length} requirement(s)`)
    .join(', ');
}

export async function run(context: Context, [version]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const wanted = version ?? 'latest';
    const deployment = await client.getDeployment(workspaceId, wanted);
    if (!deployment)
      throw new DlthubError('NotFound', 'This workspace has no deployment yet.', {
        hint: 'Deploy with `dlthub deploy`.',
      });
    const { files, requirements = null } = await client.getDeploymentFiles(workspaceId, deployment.version);
    context.out.result({ ...deployment, files, requirements }, () => [
      `Deployment version ${deployment.version} (${deployment.id})`,
      `  created:      ${deployment.created_at}`,
      `  content hash: ${deployment.content_hash}`,
      `  size:         ${deployment.size} B, ${deployment.file_count} file(s)`,
      `  python:       ${requirements ? `${requirements.python_version}, ${dependencySummary(requirements)}` : 'no requirements.json'}`,
      ...files.map((file) => `  ${file.relative_path} (${file.size_in_bytes} B)`),
    ]);
  });
}
