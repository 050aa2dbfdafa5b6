/**
 * `dlthub job cancel <selector_or_job…> [--dry-run]` (reference deployments.md §5): cancels every active run of
 * the jobs, named as `job trigger` names them, in one request. `--dry-run` only lists those runs (it reads,
 * changes nothing). `--json` prints the array of runs. `job runs cancel <job> [run#]` stops a single run.
 */
import type { Run } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { listActiveRuns, selectDeployedJobs } from '../remote/jobs';
import { withConnected } from '../remote/setup';

const runLine = (run: Run) => `${run.job_ref}  run # ${run.number}  ${run.status}`;

export async function run(context: Context, inputs: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const selected = await selectDeployedJobs(client, workspaceId, inputs);
    const names = selected.map((job) => job.name).join(', ');
    if (options.dryRun) {
      const active = await listActiveRuns(client, workspaceId, selected);
      context.out.result(active, () => active.map(runLine));
      context.out.info(
        active.length === 0
          ? `No active runs of ${names}; nothing to cancel.`
          : `--dry-run: ${active.length} run(s) would be cancelled; nothing was cancelled.`,
      );
      return;
    }
    const { cancelled } = await client.cancelJobRuns(workspaceId, { jobs: selected.map((job) => job.id) });
    context.out.result(cancelled, () => cancelled.map(runLine));
    context.out.info(
      cancelled.length === 0
        ? `No active runs of ${names}; nothing to cancel.`
        : `Cancelled ${cancelled.length} run(s).`,
    );
  });
}
