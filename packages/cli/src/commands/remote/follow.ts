/**
 * Printing a run's log lines (reference deployments.md §5): the job's stdout lines go to stdout and its stderr
 * lines (and the runner's own notes) to stderr as they arrive; with --json every line goes to stderr, so the
 * one JSON document on stdout stays parseable.
 */
import { isTerminalRunStatus, pageLimitMax, type Run, type RunLogLine } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import { withInterrupt } from '@dlthub/platform';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import type { Context } from '../../context';

export function printLogLine(context: Context, line: RunLogLine): void {
  if (line.stream === 'stdout' && line.phase === 'program' && !context.out.json) context.out.print(line.content);
  else context.out.info(line.content);
}

export function runBanner(run: Run): string {
  return `========== Run logs for Run # ${run.number} of job ${run.job_ref} ==========`;
}

/** Streams the run's lines after `after` (server-sent events) until it ends; Ctrl+C stops following (exit 130). */
export async function followRun(
  context: Context,
  client: WorkspaceClient,
  run: Run,
  after = 0,
): Promise<{ run: Run; lines: number }> {
  let lines = 0;
  const final = await withInterrupt(async (signal) => {
    try {
      return await client.followRunLogs(
        run.workspace_id,
        run.id,
        (line) => {
          lines++;
          printLogLine(context, line);
        },
        { after, signal },
      );
    } catch (error) {
      if (!signal.aborted) throw error;
      throw new DlthubError('Cancelled', `Stopped following run # ${run.number} of ${run.job_ref}.`, {
        hint: `The run goes on; follow it again with \`dlthub job logs ${run.job_ref} ${run.number} -f\`.`,
      });
    }
  });
  return { run: final, lines };
}

/** Prints the stored lines of a run, every page; returns how many there were. */
export async function printStoredLogs(context: Context, client: WorkspaceClient, run: Run): Promise<number> {
  let printed = 0;
  for (;;) {
    const page = await client.getRunLogs(run.workspace_id, run.id, { limit: pageLimitMax * 5, offset: printed });
    for (const line of page.items) printLogLine(context, line);
    printed += page.items.length;
    if (page.items.length === 0 || printed >= page.total) return printed;
  }
}

export function finalStatusLine(run: Run): string {
  const took = run.duration === null ? '' : ` in ${run.duration.toFixed(1)} s`;
  return `Run # ${run.number} of ${run.job_ref} ${run.status}${took}${run.reason ? `: ${run.reason}` : ''}.`;
}

/** A failed or cancelled run ends the command with exit 1; its record was already printed. */
export function failUnlessCompleted(run: Run): void {
  if (!isTerminalRunStatus(run.status) || run.status === 'completed') return;
  throw new DlthubError('RunFailed', finalStatusLine(run), {
    hint:
      run.status === 'failed'
        ? 'The log lines above say what the job did; fix it, deploy and run again.'
        : 'Run the job again to start a new run.',
  });
}
