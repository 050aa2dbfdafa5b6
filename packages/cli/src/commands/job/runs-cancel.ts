/**
 * `dlthub job runs cancel <job> [run#]`: asks the control plane to stop one run, the latest by default. A run
 * that already ended is refused ("already in a terminal state"). `job cancel <sel…>` stops every active run.
 */
import { isTerminalRunStatus } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { Context } from '../../context';
import { resolveRun } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export async function run(context: Context, [name, number]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const found = await resolveRun(client, workspaceId, name ?? '', number);
    if (isTerminalRunStatus(found.status))
      throw new DlthubError('Conflict', `Run # ${found.number} is already in a terminal state: ${found.status}.`, {
        hint: `Nothing to cancel; see its runs with \`dlthub job runs list ${found.job_ref}\`.`,
      });
    const cancelled = await client.cancelRun(workspaceId, found.id);
    context.out.result(cancelled, () => [`${cancelled.job_ref}  run # ${cancelled.number}  ${cancelled.status}`]);
    context.out.info(`Successfully requested cancellation of run # ${cancelled.number}.`);
  });
}
