/**
 * Interval windows (reference deployments.md §4.2): the half-open `[start, end)` a run covers, UTC, aligned to the
 * job's ticks in `require.timezone`.
 * - schedule: a tick fire covers the elapsed cron interval, extended back to the end of the last completed run
 *   (continuity: a missed or failed tick is backfilled); other fires (manual, tag, follow-up) cover the last
 *   completed end up to the latest elapsed tick, normally empty.
 * - every: a period fire covers `[last completed end, due)`, without history `[due - period, due)`; never empty.
 * - once: `[t, t)`; jobs without a cadence: `[now, now)`.
 * - a declared `interval {start, end?}` bounds the window (bounds snapped back to a cron tick for schedules); the
 *   first run and refresh runs start at `interval.start` (backfill); ticks past `end` are out of interval.
 */
import { DlthubError } from '@dlthub/config-core';
import { cronFloor, cronPrevious } from './cron';
import { jobTimezone, type JobDefinition } from './job';
import { parseTimestamp, parseTrigger, type ParsedTrigger } from './trigger';

export interface WindowRequest {
  job: JobDefinition;
  /** The trigger being fired. */
  fired: ParsedTrigger;
  /** Due time of a timed fire, or now for any other fire. */
  at: Date;
  /** True when `fired` is the job's own schedule/every/once firing on the clock. */
  timed: boolean;
  /** `interval_end` of the job's newest completed run. */
  lastCompletedEnd?: Date;
  refresh: boolean;
}

export type WindowResult =
  | { ok: true; start: Date; end: Date }
  | { ok: false; status: 'skipped_out_of_interval' | 'skipped_already_covered'; reason: string };

type Cadence = Extract<ParsedTrigger, { type: 'schedule' | 'every' }>;

/** The job's first schedule/every trigger: what its windows are aligned to. */
export function cadenceOf(job: JobDefinition): Cadence | undefined {
  for (const trigger of job.triggers ?? []) {
    if (trigger.startsWith('schedule:') || trigger.startsWith('every:')) return parseTrigger(trigger) as Cadence;
  }
  return undefined;
}

function declaredBound(job: JobDefinition, key: 'start' | 'end', cadence: Cadence, timezone: string): Date {
  const value = job.interval![key]!;
  const at = parseTimestamp(value);
  if (!at) {
    throw new DlthubError(
      'InvalidConfigValue',
      `Invalid interval.${key} '${value}' of ${job.job_ref}: not an ISO 8601 timestamp`,
      {
        keyPath: `interval.${key}`,
      },
    );
  }
  return cadence.type === 'schedule' ? (cronFloor(cadence.cron, timezone, at) ?? at) : at;
}

const iso = (date: Date) => date.toISOString();

export function computeWindow(request: WindowRequest): WindowResult {
  const { job, fired, at, timed, lastCompletedEnd, refresh } = request;
  if (fired.type === 'once') return { ok: true, start: fired.at, end: fired.at };
  const cadence = cadenceOf(job);
  if (!cadence) return { ok: true, start: at, end: at };
  const timezone = jobTimezone(job);

  let end: Date;
  let natural: Date;
  if (cadence.type === 'schedule') {
    end = timed ? at : (cronFloor(cadence.cron, timezone, at) ?? at);
    natural = timed ? (cronPrevious(cadence.cron, timezone, at) ?? at) : end;
  } else {
    end = at;
    natural = new Date(at.getTime() - cadence.seconds * 1000);
  }

  const declaredStart = job.interval ? declaredBound(job, 'start', cadence, timezone) : undefined;
  const declaredEnd = job.interval?.end ? declaredBound(job, 'end', cadence, timezone) : undefined;
  let start = refresh && declaredStart ? declaredStart : (lastCompletedEnd ?? declaredStart ?? natural);
  if (declaredStart && start < declaredStart) start = declaredStart;
  if (declaredStart && end <= declaredStart && timed) {
    return { ok: false, status: 'skipped_out_of_interval', reason: `before interval.start ${iso(declaredStart)}` };
  }
  if (declaredEnd) {
    if (start >= declaredEnd) {
      return { ok: false, status: 'skipped_out_of_interval', reason: `past interval.end ${iso(declaredEnd)}` };
    }
    if (end > declaredEnd) end = declaredEnd;
  }
  if (start >= end && timed) {
    return {
      ok: false,
      status: 'skipped_already_covered',
      reason: `completed runs already cover up to ${iso(start)}`,
    };
  }
  if (start > end) start = end;
  return { ok: true, start, end };
}
