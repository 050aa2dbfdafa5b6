/**
 * `dlthub job logs <job> [run#] [-f]` (reference deployments.md §5): the stored lines of a run (latest by
 * default) between banners; `-f` streams an active run to its end and prints its final status.
 */
import { isTerminalRunStatus } from '@dlthub/api-schema';
import type { Context } from '../../context';
import { finalStatusLine, followRun, printStoredLogs, runBanner } from '../remote/follow';
import { resolveRun } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export async function run(context: Context, [name, number]: string[], options: Record<string, unknown>): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    let found = await resolveRun(client, workspaceId, name ?? '', number);
    context.out.info(runBanner(found));
    let lines: number;
    if (options.follow && !isTerminalRunStatus(found.status)) {
      const followed = await followRun(context, client, found);
      found = followed.run;
      lines = followed.lines;
    } else {
      lines = await printStoredLogs(context, client, found);
    }
    if (lines === 0) context.out.info('No logs found for this run.');
    context.out.info(runBanner(found));
    context.out.result({ run: found, lines }, () => []);
    if (isTerminalRunStatus(found.status)) context.out.info(finalStatusLine(found));
    else
      context.out.info(
        `Run # ${found.number} is ${found.status}; follow it with \`dlthub job logs ${found.job_ref} ${found.number} -f\`.`,
      );
  });
}
