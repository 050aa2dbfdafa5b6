/**
 * Freshness gates (reference deployments.md §4.2): a job with `freshness: ['job.is_fresh:<upstream>']` still fires on
 * its own triggers but is skipped until every upstream is fresh:
 * - no run, or the newest run failed/cancelled → `skipped_fresh`; a run in progress → `skipped_upstream_pending`;
 * - a schedule upstream must have completed the interval ending at its latest elapsed tick;
 * - an every upstream must have completed a run due less than one period ago;
 * - any other upstream needs only its newest run completed.
 */
import { cronFloor } from './cron';
import { freshnessUpstreams, jobTimezone, refKey } from './job';
import { cadenceOf } from './interval';
import type { FireStatus, ScheduledJob, SchedulerStore } from './port';
import { TERMINAL_RUN_STATUSES } from './port';

export interface FreshnessVerdict {
  /** Undefined when every upstream is fresh. */
  status?: Extract<FireStatus, 'skipped_fresh' | 'skipped_upstream_pending'>;
  reasons: string[];
}

export async function checkFreshness(
  job: ScheduledJob,
  /** Active jobs by `refKey(scope, job_ref)`. */
  jobsByRef: ReadonlyMap<string, ScheduledJob>,
  store: SchedulerStore,
  now: Date,
): Promise<FreshnessVerdict> {
  const reasons: string[] = [];
  let pending = false;
  for (const upstreamRef of freshnessUpstreams(job.definition)) {
    const upstream = jobsByRef.get(refKey(job.scope, upstreamRef));
    if (!upstream) {
      reasons.push(`upstream ${upstreamRef} is not an active job`);
      continue;
    }
    const last = await store.lastRun(upstream.id);
    if (!last) {
      reasons.push(`upstream ${upstreamRef} has no completed runs`);
      continue;
    }
    if (!TERMINAL_RUN_STATUSES.includes(last.status)) {
      pending = true;
      reasons.push(`upstream ${upstreamRef} has a run in progress`);
      continue;
    }
    if (last.status !== 'completed') {
      reasons.push(`upstream ${upstreamRef} last run not completed (${last.status})`);
      continue;
    }
    const cadence = cadenceOf(upstream.definition);
    if (cadence?.type === 'schedule') {
      const expected = cronFloor(cadence.cron, jobTimezone(upstream.definition), now);
      if (expected && new Date(last.context.interval_end) < expected) {
        reasons.push(`upstream ${upstreamRef} missing run for ${expected.toISOString()}`);
      }
    } else if (cadence?.type === 'every') {
      const elapsedSeconds = (now.getTime() - last.dueAt.getTime()) / 1000;
      if (elapsedSeconds >= cadence.seconds) {
        reasons.push(
          `upstream ${upstreamRef} has a missing run (last ${Math.round(elapsedSeconds)}s ago, period ${cadence.seconds}s)`,
        );
      }
    }
  }
  if (reasons.length === 0) return { reasons };
  return { status: pending ? 'skipped_upstream_pending' : 'skipped_fresh', reasons };
}
