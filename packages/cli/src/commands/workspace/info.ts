/** `dlthub workspace info`: the local binding (`.dlt/config.toml`), this repository's identity, and the remote workspace. */
import { openSession, readLocalBinding, repositoryIdentity, requireClient } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

export async function run(context: Context): Promise<void> {
  const session = openSession(platformHost(context), { requireWorkspace: true });
  const binding = readLocalBinding(session.workspace);
  const repository = repositoryIdentity(session.workspace.rootDir);
  const local = {
    workspace_id: binding.workspaceId ?? null,
    workspace_id_source: binding.workspaceIdSource ?? null,
    organization_id: binding.organizationId ?? null,
    organization_id_source: binding.organizationIdSource ?? null,
    repository: repository.repository,
    repository_source: repository.source,
  };
  if (!binding.workspaceId) {
    context.out.result({ connected: false, api_base_url: session.apiBaseUrl, local }, () => [
      `Not connected to a remote workspace (repository ${repository.repository}).`,
    ]);
    context.out.info('Run `dlthub workspace connect` to connect it.');
    return;
  }
  const client = requireClient(session);
  try {
    const [remote, jobs, latest, latestDeployment, runs] = await Promise.all([
      client.getWorkspace(binding.workspaceId),
      client.listJobs(binding.workspaceId, { limit: 200 }),
      client.getLatestConfiguration(binding.workspaceId),
      client.getDeployment(binding.workspaceId, 'latest'),
      client.listRuns(binding.workspaceId, { limit: 1 }),
    ]);
    const [latestRun = null] = runs.items;
    const boundHere = remote.repository === repository.repository;
    const activeJobs = jobs.items.filter((job) => job.active).length;
    context.out.result(
      {
        connected: true,
        api_base_url: session.apiBaseUrl,
        local,
        remote: { ...remote, repository_matches: boundHere, jobs: jobs.total, active_jobs: activeJobs },
        latest_configuration: latest,
        latest_deployment: latestDeployment,
        latest_run: latestRun,
      },
      () => [
        `Workspace ${remote.organization_name}/${remote.name} (${remote.id}) on ${session.apiBaseUrl}`,
        `  workspace_id:    ${binding.workspaceId} (${binding.workspaceIdSource})`,
        `  organization_id: ${binding.organizationId ?? '(not set)'}${binding.organizationIdSource ? ` (${binding.organizationIdSource})` : ''}`,
        `  repository:      ${repository.repository} (${repository.source})${boundHere ? '' : `; the workspace is bound to ${remote.repository ?? 'no repository'}`}`,
        `  jobs:            ${jobs.total} (${activeJobs} active)`,
        `  deployment:      ${latestDeployment ? `version ${latestDeployment.version}, ${latestDeployment.content_hash.slice(0, 19)}…, ${latestDeployment.file_count} file(s), ${latestDeployment.created_at}` : 'never deployed'}`,
        `  latest run:      ${latestRun ? `${latestRun.job_ref} # ${latestRun.number} ${latestRun.status} (${latestRun.created_at})` : 'none'}`,
        `  configuration:   ${latest ? `version ${latest.version}, ${latest.content_hash.slice(0, 19)}…, profiles ${latest.profiles.join(', ') || 'none'}, ${latest.created_at}` : 'never synced'}`,
      ],
    );
    if (!boundHere)
      context.out.warn(
        'This repository is not the one bound to the workspace; run `dlthub workspace connect` to bind it.',
      );
  } finally {
    await client.close();
  }
}
