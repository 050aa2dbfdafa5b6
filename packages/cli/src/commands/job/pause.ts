/**
 * `dlthub job pause|resume <selector_or_job…>`: stops and restarts a job's clock triggers (schedule, every,
 * once) and follow-ups; explicit runs and triggers still start it. Jobs are named as `job trigger` names them.
 * Resuming fires from the next due time: ticks missed while paused are not made up.
 */
import type { Job } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { selectDeployedJobs } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export async function setPaused(context: Context, inputs: string[], paused: boolean): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const selected = await selectDeployedJobs(client, workspaceId, inputs);
    const updated: Job[] = [];
    for (const job of selected)
      updated.push(await (paused ? client.pauseJob(workspaceId, job.id) : client.resumeJob(workspaceId, job.id)));
    const state = paused ? 'paused' : 'resumed';
    context.out.result({ jobs: updated.map((job) => ({ job_ref: job.name, paused: Boolean(job.paused) })) }, () =>
      updated.map((job) => `${job.name}  ${state}`),
    );
    context.out.info(
      paused
        ? 'Its schedules and follow-ups no longer fire; `dlthub job run` and `job trigger` still start it.'
        : 'It fires again from the next due time; ticks missed while paused are not made up.',
    );
  });
}

export function run(context: Context, inputs: string[]): Promise<void> {
  return setPaused(context, inputs, true);
}
