/**
 * `dlthub job trigger <selector_or_job…> [--refresh] [--dry-run]` (reference deployments.md §1): fires jobs that
 * are already deployed; never syncs or deploys. Bare names and job refs resolve against the server's job list;
 * anything else is a selector matched against each job's triggers (`tag:ingest`, `batch`, `schedule:*`).
 */
import type { TriggerRunResult } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { selectDeployedJobs } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export async function run(context: Context, inputs: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const selected = (await selectDeployedJobs(client, workspaceId, inputs)).map((job) => job.name);
    if (options.dryRun) {
      context.out.result({ dry_run: true, jobs: selected }, () => selected);
      context.out.info('--dry-run: nothing was triggered.');
      return;
    }
    const results: TriggerRunResult[] = [];
    for (const ref of selected)
      results.push(await client.triggerRun(workspaceId, { job: ref, refresh: Boolean(options.refresh) }));
    context.out.result({ dry_run: false, results }, () =>
      results.map((result) =>
        result.run
          ? `${result.job_ref}  run # ${result.run.number}  ${result.run.status}  (${result.trigger})`
          : `${result.job_ref}  ${result.status}: ${result.reasons.join('; ')}`,
      ),
    );
  });
}
