import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Run, RunLogStreamQuerySchema, isTerminalRunStatus, runLogStreamEvents } from '@dlthub/api-schema';
import type { Context } from '../context';
import { validate } from '../http';
import type { StoredRun } from '../state';
import type { Tx } from '../store/types';
import { runLogView, runView } from '../views';

/** How long a log stream waits for news before looking again (runs of other instances are only polled). */
const streamPollMs = 1000;
const streamPageSize = 1000;

/** A run as the API shows it, with its job's ref. */
export async function runViewOf(tx: Tx, run: StoredRun): Promise<Run> {
  const job = await tx.find('jobs', { id: run.job_id });
  return runView(run, job?.name ?? run.job_id);
}

/** The last line the client already has: `Last-Event-ID` on a reconnect, else `?after=`. */
export function streamResumePoint(req: IncomingMessage, url: URL): number {
  const lastEventId = req.headers['last-event-id'];
  const raw = typeof lastEventId === 'string' ? { after: lastEventId } : Object.fromEntries(url.searchParams);
  return validate(RunLogStreamQuerySchema, raw, 'query').after;
}

/**
 * Server-sent events of a run's log lines after line `after`, then one `end` event with the run once it is
 * terminal. The caller has checked access to the run.
 */
export async function streamRunLogs(ctx: Context, res: ServerResponse, runId: string, after: number): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  let closed = false;
  res.on('close', () => (closed = true));
  let sent = after;
  while (!closed) {
    // Lines and status come from one snapshot: a terminal status there means every line is there too.
    const { run, lines } = await ctx.store.read(async (tx) => ({
      run: (await tx.find('runs', { id: runId }))!,
      lines: await tx.list('run_logs', { run_id: runId }, { by: 'line_num', after: sent, limit: streamPageSize }),
    }));
    // One write per page: a write per line cost a system call per line.
    let events = '';
    for (const line of lines) {
      events += `event: ${runLogStreamEvents.log}\nid: ${line.line_num}\ndata: ${JSON.stringify(runLogView(line))}\n\n`;
      sent = line.line_num;
    }
    if (events) res.write(events);
    if (lines.length === streamPageSize) continue;
    if (isTerminalRunStatus(run.status)) {
      const view = await ctx.store.read((tx) => runViewOf(tx, run));
      res.end(`event: ${runLogStreamEvents.end}\ndata: ${JSON.stringify(view)}\n\n`);
      return;
    }
    await ctx.runs.changed(runId, streamPollMs);
  }
}
