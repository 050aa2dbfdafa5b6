/** `dlthub job info <job>`: one job's definition as deployed, and its latest run. */
import type { Context } from '../../context';
import { resolveJob } from '../remote/jobs';
import { withConnected } from '../remote/setup';
import { jobState, jobTriggers } from './list';

export async function run(context: Context, [name]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const job = await resolveJob(client, workspaceId, name ?? '');
    const [latest = null] = (await client.listRuns(workspaceId, { job: job.id, limit: 1 })).items;
    context.out.result({ job, latest_run: latest }, () => [
      `${job.name} (${job.job_type ?? 'no definition'}, ${jobState(job)}, version ${job.version ?? '-'})`,
      ...(job.description ? [`  description:     ${job.description}`] : []),
      `  triggers:        ${jobTriggers(job)}`,
      `  default trigger: ${job.default_trigger ?? '-'}`,
      ...(job.definition
        ? [
            `  entry point:     ${job.definition.entry_point.module}${job.definition.entry_point.function ? `:${job.definition.entry_point.function}` : ''} (${job.definition.entry_point.launcher})`,
          ]
        : []),
      `  latest run:      ${latest ? `# ${latest.number} ${latest.status} (${latest.trigger}, ${latest.created_at})` : 'none'}`,
    ]);
  });
}
