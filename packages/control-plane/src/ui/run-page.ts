import { isTerminalRunStatus, uiPaths } from '@dlthub/api-schema';
import { visibleWorkspace } from '../access';
import { pathParam } from '../router';
import { findRun } from '../runs/run-records';
import { esc, formatSeconds, formatTime, statusBadge } from './layout';
import { signedInPage } from './signed-in-route';

/** Stored lines the page carries; the rest (and every new line) arrives over the log stream. */
const linesRendered = 2000;

/**
 * A run: status, reason, duration and its log. While the run is not terminal the page's script
 * (uiPaths.runPageScript) appends lines from the log stream and updates status, reason and duration at the end.
 */
export const runPage = signedInPage('/ui/workspaces/:id/runs/:run', async (tx, { signedIn, params }) => {
  const workspace = await visibleWorkspace(tx, signedIn, pathParam(params, 'id'));
  const run = await findRun(tx, workspace.id, pathParam(params, 'run'));
  const job = await tx.find('jobs', { id: run.job_id });
  const jobName = job?.name ?? run.job_id;
  const deployment = await tx.find('deployments', { id: run.deployment_id });
  const lines = await tx.list('run_logs', { run_id: run.id }, { by: 'line_num', limit: linesRendered });
  const total = await tx.count('run_logs', { run_id: run.id });
  const live = !isTerminalRunStatus(run.status) || total > lines.length;
  const after = lines.at(-1)?.line_num ?? 0;
  const streamAttributes = live
    ? ` data-stream="${esc(uiPaths.runLogStream(workspace.id, run.id))}" data-after="${esc(after)}"`
    : '';
  const items = lines
    .map((line) => `<li value="${esc(line.line_num)}" class="${esc(line.stream)}">${esc(line.content)}</li>`)
    .join('\n');
  return {
    title: `${jobName} # ${run.number}`,
    crumbs: [
      { label: workspace.name, href: uiPaths.workspace(workspace.id) },
      { label: jobName, href: uiPaths.job(workspace.id, run.job_id) },
      { label: `# ${run.number}` },
    ],
    runScript: live,
    body: `<dl id="run">
<dt>Status</dt><dd>${statusBadge(run.status, 'run-status')}</dd>
<dt>Reason</dt><dd id="run-reason">${esc(run.reason ?? '—')}</dd>
<dt>Trigger</dt><dd>${esc(run.trigger)}</dd>
<dt>Profile</dt><dd>${esc(run.profile)}</dd>
<dt>Started</dt><dd>${esc(formatTime(run.time_started))}</dd>
<dt>Duration</dt><dd id="run-duration">${esc(formatSeconds(run.duration))}</dd>
<dt>Exit code</dt><dd id="run-exit-code">${esc(run.exit_code ?? '—')}</dd>
<dt>Deployment</dt><dd>version ${esc(deployment?.version ?? run.deployment_id)}, job version ${esc(run.job_version)}</dd>
</dl>
<h2>Log</h2>
<p class="muted" id="log-state">${live ? 'Following the log…' : `${esc(total)} line(s).`}</p>
<ol id="run-log"${streamAttributes}>
${items}
</ol>`,
  };
});
