/**
 * `dlthub job trigger <selector_or_job…> [--refresh] [--dry-run]` (reference deployments.md §1): fires jobs that
 * are already deployed; never syncs or deploys. Bare names and job refs resolve against the server's job list;
 * anything else is a selector matched against each job's triggers (`tag:ingest`, `batch`, `schedule:*`).
 */
import type { Job, TriggerRunResult } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import { isSelector, resolveJobRef, selectJobs, type JobDefinition } from '@dlthub/scheduler';
import type { Context } from '../../context';
import { listAllJobs } from '../remote/jobs';
import { withConnected } from '../remote/setup';

function definitionOf(job: Job): JobDefinition {
  // A job seeded without a manifest has no definition: its type and triggers are all there is to match.
  return (
    job.definition ?? {
      job_ref: job.name,
      entry_point: { job_type: job.job_type ?? 'batch' },
      triggers: job.triggers ?? [],
    }
  );
}

export async function run(context: Context, inputs: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const jobs = await listAllJobs(client, workspaceId, false);
    const refs = jobs.map((job) => job.name);
    const chosen = new Set<string>();
    for (const input of inputs) {
      if (!isSelector(input)) {
        chosen.add(resolveJobRef(input, refs));
        continue;
      }
      const matched = selectJobs(jobs, [input], definitionOf);
      if (matched.length === 0)
        throw new DlthubError('NotFound', `No deployed job matched ${input}.`, {
          hint: `Jobs: ${refs.join(', ') || 'none'}. See them with \`dlthub job list\`.`,
        });
      for (const entry of matched) chosen.add(entry.job.name);
    }
    const selected = [...chosen];
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
