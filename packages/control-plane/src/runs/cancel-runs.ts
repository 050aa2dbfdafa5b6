/**
 * Cancelling a run on request, one home for `POST …/runs/{run}/cancel` and `POST …/runs/cancel`: the run
 * service stops a process this instance holds (SIGTERM, SIGKILL after the grace period; the runner logs the
 * line saying so) and stores its end; a run no process here holds (not started yet, or run by another
 * instance) is marked cancelled in the store.
 */
import type { Run } from '@dlthub/api-schema';
import type { Context } from '../context';
import type { StoredJob, StoredRun } from '../state';
import type { Tx } from '../store/types';
import { runViewOf } from './log-stream';
import { activeRuns, updateRun } from './run-records';
import { cancelledOnRequest } from './run-service';

/** Stops the run and answers it as stored afterwards (still terminal as it was, if it ended first). */
export async function cancelRun(ctx: Context, runId: string): Promise<Run> {
  if (!(await ctx.runs.cancel(runId))) {
    const now = ctx.now().toISOString();
    await ctx.store.write((tx) =>
      updateRun(tx, runId, { status: 'cancelled', reason: cancelledOnRequest, time_ended: now }),
    );
  }
  return ctx.store.read(async (tx) => runViewOf(tx, (await tx.find('runs', { id: runId }))!));
}

/** The pending, starting and running runs of the jobs, oldest first. */
export async function activeRunsOfJobs(tx: Tx, jobs: readonly StoredJob[]): Promise<StoredRun[]> {
  const runs: StoredRun[] = [];
  for (const job of jobs) runs.push(...(await activeRuns(tx, job.id)));
  return runs.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.number - b.number);
}

/**
 * Cancels the runs together (each stop waits for its process to exit, so one slow job does not hold up
 * the others) and answers those that ended cancelled: a run that completed or failed on its own in the
 * meantime was not cancelled and is left out.
 */
export async function cancelRuns(ctx: Context, runIds: readonly string[]): Promise<Run[]> {
  const ended = await Promise.all(runIds.map((runId) => cancelRun(ctx, runId)));
  return ended.filter((run) => run.status === 'cancelled');
}
