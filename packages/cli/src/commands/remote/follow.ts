/**
 * Printing a run's log lines (reference deployments.md §5): the job's stdout lines go to stdout and its stderr
 * lines (and the runner's own notes) to stderr as they arrive; with --json every line goes to stderr, so the
 * one JSON document on stdout stays parseable.
 */
import { isTerminalRunStatus, runLogPageLimitMax, type Run, type RunLogLine } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import { withInterrupt } from '@dlthub/platform';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import type { Context } from '../../context';

/**
 * Prints a run's log lines: the job's stdout lines on stdout and the rest on stderr, in order. Lines for the
 * same stream are written together at the next turn of the event loop (or when a line for the other stream
 * comes first): a job printing 200,000 lines then costs the command a few thousand writes, not 200,000.
 */
class LogLinePrinter {
  private pending: string[] = [];
  private target: 'print' | 'info' = 'print';
  private flushing: NodeJS.Immediate | undefined;

  constructor(private readonly context: Context) {}

  add(line: RunLogLine): void {
    const target = line.stream === 'stdout' && line.phase === 'program' && !this.context.out.json ? 'print' : 'info';
    if (target !== this.target) this.flush();
    this.target = target;
    this.pending.push(line.content);
    this.flushing ??= setImmediate(() => this.flush());
  }

  flush(): void {
    clearImmediate(this.flushing);
    this.flushing = undefined;
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n');
    this.pending = [];
    if (this.target === 'print') this.context.out.print(text);
    else this.context.out.info(text);
  }
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
  const printer = new LogLinePrinter(context);
  const final = await withInterrupt(async (signal) => {
    try {
      return await client.followRunLogs(
        run.workspace_id,
        run.id,
        (line) => {
          lines++;
          printer.add(line);
        },
        { after, signal },
      );
    } catch (error) {
      if (!signal.aborted) throw error;
      throw new DlthubError('Cancelled', `Stopped following run # ${run.number} of ${run.job_ref}.`, {
        hint: `The run goes on; follow it again with \`dlthub job logs ${run.job_ref} ${run.number} -f\`.`,
      });
    } finally {
      printer.flush();
    }
  });
  return { run: final, lines };
}

/** Prints the stored lines of a run, every page; returns how many there were. */
export async function printStoredLogs(context: Context, client: WorkspaceClient, run: Run): Promise<number> {
  let printed = 0;
  let after = 0;
  const printer = new LogLinePrinter(context);
  for (;;) {
    // Paged by the last line printed: a long log costs the server the same per page, first to last.
    const page = await client.getRunLogs(run.workspace_id, run.id, { limit: runLogPageLimitMax, after });
    for (const line of page.items) printer.add(line);
    printer.flush();
    printed += page.items.length;
    after = page.items.at(-1)?.line_num ?? after;
    if (page.items.length < runLogPageLimitMax) return printed;
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
