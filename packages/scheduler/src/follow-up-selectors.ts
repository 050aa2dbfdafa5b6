/**
 * Follow-up triggers written with a selector (dlt ≥1.29, reference deployments.md §4 table): `job.success:tag:ingest`
 * stands for one `job.success:<job_ref>` per matching non-interactive job, never the job itself. Expanded once over
 * the whole manifest (it must be self-contained), so stored triggers always name job_refs.
 */
import { effectiveTriggers, jobType, type JobDefinition } from './job';
import { matchTriggers } from './selector';
import { isSelectorExpression } from './trigger';

export function expandJobEventSelectors<J extends JobDefinition>(
  jobs: readonly J[],
  onNoMatch?: (job: J, trigger: string) => void,
): J[] {
  return jobs.map((job) => {
    const triggers = job.triggers ?? [];
    if (!triggers.some(isJobEventSelector)) return job;
    const expanded: string[] = [];
    for (const trigger of triggers) {
      const items = isJobEventSelector(trigger) ? expand(trigger, job, jobs) : [trigger];
      if (items.length === 0) onNoMatch?.(job, trigger);
      for (const item of items) if (!expanded.includes(item)) expanded.push(item);
    }
    return { ...job, triggers: expanded };
  });
}

function isJobEventSelector(trigger: string): boolean {
  const colon = trigger.indexOf(':');
  const type = trigger.slice(0, colon);
  return (type === 'job.success' || type === 'job.fail') && isSelectorExpression(trigger.slice(colon + 1));
}

function expand(trigger: string, self: JobDefinition, jobs: readonly JobDefinition[]): string[] {
  const colon = trigger.indexOf(':');
  const type = trigger.slice(0, colon);
  const selector = trigger.slice(colon + 1);
  return jobs
    .filter((job) => job.job_ref !== self.job_ref && jobType(job) !== 'interactive')
    .filter((job) => matchTriggers(jobType(job), effectiveTriggers(job), [selector]).length > 0)
    .map((job) => `${type}:${job.job_ref}`);
}
