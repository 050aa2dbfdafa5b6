/**
 * Jobs and runs as the server knows them: every page of a list, a job named by bare name / `section.name` /
 * full job ref / id (reference deployments.md §2.1, §5), and a run of a job by number (latest by default) or
 * by run id.
 */
import { activeRunStatuses, pageLimitMax, type Job, type Run } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import { isSelector, resolveJobRef, selectJobs, type JobDefinition } from '@dlthub/scheduler';
import type { WorkspaceClient } from '@dlthub/workspace-client';

async function everyPage<T>(fetchPage: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const page = await fetchPage(all.length);
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

export function listAllJobs(client: WorkspaceClient, workspaceId: string, archived: boolean): Promise<Job[]> {
  return everyPage((offset) => client.listJobs(workspaceId, { limit: pageLimitMax, offset, archived }));
}

export function listAllRuns(client: WorkspaceClient, workspaceId: string, job?: string): Promise<Run[]> {
  return everyPage((offset) => client.listRuns(workspaceId, { limit: pageLimitMax, offset, job }));
}

/** The pending, starting and running runs of the jobs, oldest first (as `POST …/runs/cancel` stops them). */
export async function listActiveRuns(
  client: WorkspaceClient,
  workspaceId: string,
  jobs: readonly Job[],
): Promise<Run[]> {
  const wanted = new Set(jobs.map((job) => job.id));
  const runs: Run[] = [];
  // One listing per active status, not every run the workspace ever had.
  for (const status of activeRunStatuses)
    runs.push(...(await everyPage((offset) => client.listRuns(workspaceId, { limit: pageLimitMax, offset, status }))));
  return runs
    .filter((run) => wanted.has(run.job_id))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.number - b.number);
}

/** The job a user named; archived jobs count too (their history stays readable). */
export async function resolveJob(client: WorkspaceClient, workspaceId: string, input: string): Promise<Job> {
  const jobs = await listAllJobs(client, workspaceId, true);
  const byId = jobs.find((job) => job.id === input);
  if (byId) return byId;
  const ref = resolveJobRef(
    input,
    jobs.map((job) => job.name),
  );
  return jobs.find((job) => job.name === ref)!;
}

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

/**
 * The active jobs a list of inputs names, in order and without repeats: bare names and job refs resolve
 * against the server's job list, anything else is a selector matched against each job's triggers
 * (`tag:ingest`, `batch`, `schedule:*`). A selector that matches nothing is an error.
 */
export async function selectDeployedJobs(
  client: WorkspaceClient,
  workspaceId: string,
  inputs: readonly string[],
): Promise<Job[]> {
  const jobs = await listAllJobs(client, workspaceId, false);
  const refs = jobs.map((job) => job.name);
  const chosen = new Map<string, Job>();
  for (const input of inputs) {
    if (!isSelector(input)) {
      const ref = resolveJobRef(input, refs);
      chosen.set(
        ref,
        jobs.find((job) => job.name === ref)!,
      );
      continue;
    }
    const matched = selectJobs(jobs, [input], definitionOf);
    if (matched.length === 0)
      throw new DlthubError('NotFound', `No deployed job matched ${input}.`, {
        hint: `Jobs: ${refs.join(', ') || 'none'}. See them with \`dlthub job list\`.`,
      });
    for (const entry of matched) chosen.set(entry.job.name, entry.job);
  }
  return [...chosen.values()];
}

/** Run `number` of `job` (`#3` and `3` both work), else its latest run; a run id works as the job argument too. */
export async function resolveRun(
  client: WorkspaceClient,
  workspaceId: string,
  jobOrRunId: string,
  number?: string,
): Promise<Run> {
  if (number === undefined && /^[0-9a-f-]{16,}$/i.test(jobOrRunId) && !jobOrRunId.includes('.')) {
    try {
      return await client.getRun(workspaceId, jobOrRunId);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  const job = await resolveJob(client, workspaceId, jobOrRunId);
  if (number === undefined) {
    const latest = await client.listRuns(workspaceId, { job: job.id, limit: 1 });
    const [run] = latest.items;
    if (!run)
      throw new DlthubError('NotFound', `Job ${job.name} has no runs yet.`, {
        hint: `Start one with \`dlthub job run ${job.name}\` or \`dlthub job trigger ${job.name}\`.`,
      });
    return run;
  }
  const wanted = Number(number.replace(/^#/, ''));
  if (!Number.isInteger(wanted) || wanted < 1)
    throw new DlthubError('Usage', `Run number ${number} is not a positive whole number.`, {
      hint: `Pass the run's number as \`dlthub job runs list ${job.name}\` shows it, e.g. 3.`,
    });
  const run = (await listAllRuns(client, workspaceId, job.id)).find((candidate) => candidate.number === wanted);
  if (!run)
    throw new DlthubError('NotFound', `Job ${job.name} has no run # ${wanted}.`, {
      hint: `List its runs with \`dlthub job runs list ${job.name}\`.`,
    });
  return run;
}
