/**
 * Schedule state per job: when its triggers became active, pause/resume, and the refresh mark of a cascade. The
 * one home of these rules for the scheduler's store, the manifest reconcile and the pause/resume routes.
 */
import type { JobDefinition } from '@dlthub/api-schema';
import type { StoredJobSchedule } from '../state';
import type { Tx } from '../store/types';

export function jobSchedule(tx: Tx, jobId: string): Promise<StoredJobSchedule | undefined> {
  return tx.find('job_schedules', { job_id: jobId });
}

async function ensureSchedule(tx: Tx, jobId: string, now: Date): Promise<StoredJobSchedule> {
  const found = await jobSchedule(tx, jobId);
  if (found) return found;
  const created: StoredJobSchedule = {
    job_id: jobId,
    activated_at: now.toISOString(),
    paused: false,
    resumed_at: null,
    refresh_pending: false,
  };
  await tx.insert('job_schedules', created);
  return created;
}

/**
 * The job's clock triggers count from `now`: it was added, came back from the archive, or its triggers or time
 * zone changed. Nothing fires for due times before it (a new schedule does not run at deploy time; an archived
 * job does not catch up on the ticks it missed). Pause state stays.
 */
export async function activateSchedule(tx: Tx, jobId: string, now: Date): Promise<void> {
  const schedule = await ensureSchedule(tx, jobId, now);
  await tx.update('job_schedules', { job_id: schedule.job_id }, { activated_at: now.toISOString() });
}

/** Whether a new definition moves the job's clock: other triggers, or another time zone. */
export function scheduleChanged(previous: JobDefinition | undefined, next: JobDefinition): boolean {
  if (!previous) return true;
  const timezone = (definition: JobDefinition) => JSON.stringify(definition.require?.['timezone'] ?? 'UTC');
  return JSON.stringify(previous.triggers) !== JSON.stringify(next.triggers) || timezone(previous) !== timezone(next);
}

/** Pauses or resumes the job's clock and follow-up triggers; a resume records when, so missed ticks stay missed. */
export async function setJobPaused(tx: Tx, jobId: string, paused: boolean, now: Date): Promise<StoredJobSchedule> {
  await tx.find('jobs', { id: jobId }, { lock: true });
  const schedule = await ensureSchedule(tx, jobId, now);
  if (schedule.paused === paused) return schedule;
  const patch = paused ? { paused } : { paused, resumed_at: now.toISOString() };
  await tx.update('job_schedules', { job_id: jobId }, patch);
  return { ...schedule, ...patch };
}

export async function markRefreshPending(tx: Tx, jobId: string, now: Date): Promise<void> {
  await ensureSchedule(tx, jobId, now);
  await tx.update('job_schedules', { job_id: jobId }, { refresh_pending: true });
}

/** Replaces the job's trigger and freshness index with its current definition's. */
export async function indexJobTriggers(tx: Tx, jobId: string, definition: JobDefinition): Promise<void> {
  await tx.remove('job_triggers', { job_id: jobId });
  const freshness = Array.isArray(definition['freshness']) ? (definition['freshness'] as unknown[]) : [];
  const indexed = {
    trigger: new Set(definition.triggers),
    freshness: new Set(freshness.filter((value): value is string => typeof value === 'string')),
  };
  for (const kind of ['trigger', 'freshness'] as const) {
    for (const value of indexed[kind]) await tx.insert('job_triggers', { job_id: jobId, kind, value });
  }
}
