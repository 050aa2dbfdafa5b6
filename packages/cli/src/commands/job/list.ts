/** `dlthub job list [--archived]`: the workspace's deployed jobs; archived ones (removed from the manifest) only with --archived. */
import type { Job } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { listAllJobs } from '../remote/jobs';
import { withConnected } from '../remote/setup';

/** `active`, `paused` (active, clock triggers stopped) or `archived`. */
export function jobState(job: Job): string {
  if (!job.active) return 'archived';
  return job.paused ? 'paused' : 'active';
}

export function jobTriggers(job: Job): string {
  const triggers = job.triggers ?? [];
  return triggers.length > 0 ? triggers.join(', ') : 'manual only';
}

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const jobs = await listAllJobs(client, workspaceId, Boolean(options.archived));
    context.out.result({ workspace_id: workspaceId, jobs }, () => {
      if (jobs.length === 0) return [];
      const width = Math.max(...jobs.map((job) => job.name.length));
      return jobs.map(
        (job) =>
          `${job.name.padEnd(width)}  ${(job.job_type ?? '-').padEnd(11)}  ${jobState(job).padEnd(8)}  v${job.version ?? '-'}  ${jobTriggers(job)}`,
      );
    });
    if (jobs.length === 0)
      context.out.info(
        options.archived ? 'No jobs in this workspace.' : 'No active jobs. Deploy with `dlthub deploy`.',
      );
  });
}
