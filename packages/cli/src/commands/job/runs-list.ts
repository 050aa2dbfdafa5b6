/** `dlthub job runs list [job] [--running]`: runs newest first, of one job or of the whole workspace. */
import { isTerminalRunStatus, type Run } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { listAllRuns, resolveJob } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export function runLine(run: Run): string {
  const took = run.duration === null ? '' : `  ${run.duration.toFixed(1)} s`;
  return `${run.job_ref}  # ${run.number}  ${run.status.padEnd(9)}  ${run.trigger}  ${run.created_at}${took}`;
}

export async function run(context: Context, [name]: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const job = name === undefined ? undefined : await resolveJob(client, workspaceId, name);
    let runs = await listAllRuns(client, workspaceId, job?.id);
    if (options.running) runs = runs.filter((candidate) => !isTerminalRunStatus(candidate.status));
    context.out.result({ workspace_id: workspaceId, job: job?.name ?? null, runs }, () => runs.map(runLine));
    if (runs.length === 0) context.out.info(options.running ? 'No active runs.' : 'No runs yet.');
  });
}
