/** `dlthub job runs info <job> [run#]`: one run (the latest by default). */
import type { Context } from '../../context';
import { resolveRun } from '../remote/jobs';
import { withConnected } from '../remote/setup';

export async function run(context: Context, [name, number]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const found = await resolveRun(client, workspaceId, name ?? '', number);
    context.out.result(found, () => [
      `Run # ${found.number} of ${found.job_ref}: ${found.status}`,
      `  run id:      ${found.id}`,
      `  trigger:     ${found.trigger}`,
      `  profile:     ${found.profile || '-'}`,
      `  created:     ${found.created_at}`,
      `  started:     ${found.time_started ?? '-'}`,
      `  ended:       ${found.time_ended ?? '-'}`,
      `  duration:    ${found.duration === null ? '-' : `${found.duration.toFixed(1)} s`}`,
      `  exit code:   ${found.exit_code ?? '-'}`,
      ...(found.url ? [`  serving at:  ${found.url}`] : []),
      ...(found.reason ? [`  reason:      ${found.reason}`] : []),
    ]);
  });
}
