import { uiPaths } from '@dlthub/api-schema';
import { visibleWorkspace } from '../access';
import { findJob, latestJobVersion } from '../deployments/jobs';
import { pathParam } from '../router';
import { esc, formatSeconds, formatTime, link, statusBadge, table } from './layout';
import { signedInPage } from './signed-in-route';

/** The newest runs a job page lists (the API pages through all of them). */
const runsShown = 100;

/** A job (id or ref): its definition at a glance and its runs, newest first. */
export const jobPage = signedInPage('/ui/workspaces/:id/jobs/:job', async (tx, { signedIn, params }) => {
  const workspace = await visibleWorkspace(tx, signedIn, pathParam(params, 'id'));
  const job = await findJob(tx, workspace.id, pathParam(params, 'job'));
  const definition = (await latestJobVersion(tx, job.id))?.definition;
  const runs = await tx.list('runs', { job_id: job.id }, { by: 'number', descending: true, limit: runsShown });
  const rows = runs.map((run) => [
    link(uiPaths.run(workspace.id, run.id), `# ${run.number}`),
    statusBadge(run.status),
    esc(run.trigger),
    esc(formatTime(run.time_started)),
    esc(formatSeconds(run.duration)),
  ]);
  return {
    title: job.name,
    crumbs: [{ label: workspace.name, href: uiPaths.workspace(workspace.id) }, { label: job.name }],
    body: `<dl id="job">
<dt>Type</dt><dd>${esc(definition?.entry_point.job_type ?? '—')}</dd>
<dt>Entry point</dt><dd class="mono">${esc(definition ? `${definition.entry_point.module}${definition.entry_point.function ? `:${definition.entry_point.function}` : ''}` : '—')}</dd>
<dt>Triggers</dt><dd>${esc(definition?.triggers.join(', ') || '—')}</dd>
<dt>State</dt><dd>${job.active ? 'active' : 'archived'}</dd>
</dl>
<h2>Runs</h2>
${table('runs', ['Run', 'Status', 'Trigger', 'Started', 'Duration'], rows, 'No runs yet.')}`,
  };
});
