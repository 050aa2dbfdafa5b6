import { uiPaths } from '@dlthub/api-schema';
import { visibleWorkspace } from '../access';
import { deploymentVersions } from '../deployments/deployment-records';
import { latestJobVersion } from '../deployments/jobs';
import { pathParam } from '../router';
import { jobSchedule } from '../scheduling/job-schedules';
import type { StoredJob } from '../state';
import type { Tx } from '../store/types';
import { esc, formatTime, link, shortHash, statusBadge, table } from './layout';
import { signedInPage } from './signed-in-route';

/** How many deployment and configuration versions the page lists (the API pages through all of them). */
const versionsShown = 10;

async function jobRow(tx: Tx, workspaceId: string, job: StoredJob): Promise<string[]> {
  const version = await latestJobVersion(tx, job.id);
  const paused = (await jobSchedule(tx, job.id))?.paused ?? false;
  const [lastRun] = await tx.list('runs', { job_id: job.id }, { by: 'number', descending: true, limit: 1 });
  const state = job.active ? (paused ? 'active, paused' : 'active') : 'archived';
  return [
    link(uiPaths.job(workspaceId, job.id), job.name),
    esc(version?.definition.entry_point.job_type ?? '—'),
    esc(version?.definition.triggers.join(', ') || '—'),
    esc(state),
    lastRun
      ? `${link(uiPaths.run(workspaceId, lastRun.id), `# ${lastRun.number}`)} ${statusBadge(lastRun.status)} <span class="muted">${esc(formatTime(lastRun.created_at))}</span>`
      : '<span class="muted">never run</span>',
  ];
}

/** A workspace: its jobs with their last run, its latest deployments and configuration versions. */
export const workspacePage = signedInPage('/ui/workspaces/:id', async (tx, { signedIn, params }) => {
  const workspace = await visibleWorkspace(tx, signedIn, pathParam(params, 'id'));
  const organization = await tx.find('organizations', { id: workspace.organization_id });
  // Active jobs first, each group by name: archived jobs keep their history but no longer fire.
  const jobs = (await tx.list('jobs', { workspace_id: workspace.id })).sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
  const jobRows = await Promise.all(jobs.map((job) => jobRow(tx, workspace.id, job)));
  const deployments = (await deploymentVersions(tx, workspace.id, versionsShown)).map((deployment) => [
    esc(deployment.version),
    `<span class="mono" title="${esc(deployment.content_hash)}">${esc(shortHash(deployment.content_hash))}</span>`,
    esc(deployment.file_count),
    esc(formatTime(deployment.created_at)),
  ]);
  const configurations = (
    await tx.list(
      'configurations',
      { workspace_id: workspace.id },
      { by: 'version', descending: true, limit: versionsShown },
    )
  ).map((configuration) => [
    esc(configuration.version),
    `<span class="mono" title="${esc(configuration.content_hash)}">${esc(shortHash(configuration.content_hash))}</span>`,
    esc(configuration.profiles.join(', ') || '—'),
    esc(formatTime(configuration.created_at)),
  ]);
  return {
    title: workspace.name,
    crumbs: [{ label: organization?.name ?? workspace.organization_id }, { label: workspace.name }],
    body: `<p class="muted">Workspace <span class="mono" id="workspace-id">${esc(workspace.id)}</span>${
      workspace.repository ? `, repository <span class="mono">${esc(workspace.repository)}</span>` : ''
    }</p>
<h2>Jobs</h2>
${table('jobs', ['Job', 'Type', 'Triggers', 'State', 'Last run'], jobRows, 'No jobs: deploy the workspace with `dlthub deploy`.')}
<h2>Deployments</h2>
${table('deployments', ['Version', 'Content hash', 'Files', 'Created'], deployments, 'Never deployed.')}
<h2>Configurations</h2>
${table('configurations', ['Version', 'Content hash', 'Profiles', 'Created'], configurations, 'Never synced.')}`,
  };
});
