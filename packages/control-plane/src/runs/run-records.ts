import { randomUUID } from 'node:crypto';
import { activeRunStatuses, isTerminalRunStatus, type JobDefinition } from '@dlthub/api-schema';
import { latestDeployment } from '../deployments/deployment-records';
import { findJob, latestJobVersion } from '../deployments/jobs';
import { HttpError } from '../http';
import type { StoredJob, StoredRun, StoredRunLog } from '../state';
import type { Tx } from '../store/types';

/** `execute.concurrency`: 1 unless the job says otherwise; `null` means no limit (reference §2). */
export function concurrencyLimit(definition: JobDefinition): number | null {
  const value = definition.execute['concurrency'];
  if (value === null) return null;
  return typeof value === 'number' && value >= 1 ? Math.floor(value) : 1;
}

/** The trigger a manual fire of the job uses: its default trigger, else `manual:<job_ref>` (reference §1). */
export function manualTrigger(definition: JobDefinition): string {
  return definition.default_trigger ?? `manual:${definition.job_ref}`;
}

export async function activeRuns(tx: Tx, jobId: string): Promise<StoredRun[]> {
  const found: StoredRun[] = [];
  for (const status of activeRunStatuses) found.push(...(await tx.list('runs', { job_id: jobId, status })));
  return found;
}

export type RunCreation =
  | { kind: 'created'; run: StoredRun; definition: JobDefinition }
  | { kind: 'skipped'; reasons: string[]; trigger: string };

/**
 * Makes a `pending` run of the job's current definition on the latest deployment and configuration, with
 * the next per-job number; or says why none is made (concurrency limit). The job record is locked first, so
 * concurrent triggers of one job count each other's runs and take distinct numbers.
 */
/** What the scheduler decided for the run: its window, refresh and the due time of its fire. */
export type RunScheduling = Pick<
  StoredRun,
  | 'interval_start'
  | 'interval_end'
  | 'interval_timezone'
  | 'refresh'
  | 'refresh_origin'
  | 'propagates_refresh'
  | 'due_at'
>;

/** A job of the workspace that can run: active, with a definition, and code deployed (else 404/409 with why). */
export async function runnableJob(tx: Tx, workspaceId: string, idOrRef: string): Promise<StoredJob> {
  const job = await findJob(tx, workspaceId, idOrRef);
  await runnableVersion(tx, job);
  return job;
}

async function runnableVersion(tx: Tx, job: StoredJob) {
  if (!job.active)
    throw new HttpError(409, `Job ${job.name} is archived; deploy a manifest that has it to run it again.`);
  const version = await latestJobVersion(tx, job.id);
  if (!version) throw new HttpError(409, `Job ${job.name} has no definition yet; deploy a manifest that has it.`);
  const deployment = await latestDeployment(tx, job.workspace_id);
  if (!deployment)
    throw new HttpError(409, `Workspace ${job.workspace_id} has no deployment yet; upload the code first.`);
  return { version, deployment };
}

export async function createRun(
  tx: Tx,
  job: StoredJob,
  request: { triggeredBy: string | null; now: Date; trigger?: string; scheduling?: RunScheduling },
): Promise<RunCreation> {
  await tx.find('jobs', { id: job.id }, { lock: true });
  const { version, deployment } = await runnableVersion(tx, job);
  const trigger = request.trigger ?? manualTrigger(version.definition);
  const limit = concurrencyLimit(version.definition);
  const active = await activeRuns(tx, job.id);
  if (limit !== null && active.length >= limit) {
    const numbers = active.map((run) => `#${run.number}`).join(', ');
    return {
      kind: 'skipped',
      trigger,
      reasons: [
        `${job.name} allows ${limit} active run(s) (execute.concurrency) and has ${active.length}: ${numbers}.`,
      ],
    };
  }
  const [previous] = await tx.list('runs', { job_id: job.id }, { by: 'number', descending: true, limit: 1 });
  const [configuration] = await tx.list(
    'configurations',
    { workspace_id: job.workspace_id },
    { by: 'version', descending: true, limit: 1 },
  );
  const run: StoredRun = {
    id: randomUUID(),
    workspace_id: job.workspace_id,
    job_id: job.id,
    job_version_id: version.id,
    job_version: version.version,
    number: (previous?.number ?? 0) + 1,
    status: 'pending',
    trigger,
    profile: '',
    triggered_by: request.triggeredBy,
    deployment_id: deployment.id,
    configuration_id: configuration?.id ?? null,
    reason: null,
    exit_code: null,
    created_at: request.now.toISOString(),
    time_started: null,
    time_ended: null,
    duration: null,
    ...request.scheduling,
  };
  await tx.insert('runs', run);
  return { kind: 'created', run, definition: version.definition };
}

/** A run of the workspace; another workspace's run is not found. */
export async function findRun(tx: Tx, workspaceId: string, runId: string): Promise<StoredRun> {
  const run = await tx.find('runs', { workspace_id: workspaceId, id: runId });
  if (!run) throw new HttpError(404, `Run ${runId} not found in workspace ${workspaceId}.`);
  return run;
}

/** Applies a status change unless the run already ended (a terminal run never changes again). */
export async function updateRun(
  tx: Tx,
  runId: string,
  patch: Partial<Omit<StoredRun, 'id' | 'workspace_id' | 'job_id' | 'number'>>,
): Promise<StoredRun | undefined> {
  const run = await tx.find('runs', { id: runId }, { lock: true });
  if (!run || isTerminalRunStatus(run.status)) return run;
  await tx.update('runs', { id: runId }, patch);
  return { ...run, ...patch };
}

export async function appendRunLogs(tx: Tx, lines: readonly StoredRunLog[]): Promise<void> {
  for (const line of lines) await tx.insert('run_logs', line);
}

/**
 * Runs a previous process left `pending`, `starting` or `running` have no process behind them any more:
 * they become `failed` with the reason, so nothing shows as running that is not.
 */
export async function failInterruptedRuns(tx: Tx, now: Date): Promise<StoredRun[]> {
  const interrupted: StoredRun[] = [];
  for (const status of activeRunStatuses) {
    for (const run of await tx.list('runs', { status })) {
      const ended = now.toISOString();
      const patch = {
        status: 'failed' as const,
        reason: `The control plane stopped while the run was ${status}; it did not finish.`,
        time_ended: ended,
        duration: run.time_started ? (now.getTime() - Date.parse(run.time_started)) / 1000 : null,
      };
      await tx.update('runs', { id: run.id }, patch);
      interrupted.push({ ...run, ...patch });
    }
  }
  return interrupted;
}
