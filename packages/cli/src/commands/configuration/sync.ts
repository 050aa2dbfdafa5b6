/** `dlthub configuration sync [--dry-run]`: upload prod, access and decorator-referenced profiles plus the workspace files; never dev/tests. */
import type { Context } from '../../context';
import { syncConfiguration, syncLines, syncSummary } from '../../configuration-sync';
import { openSession } from '../../platform';

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  const session = openSession(context, { requireWorkspace: true });
  const outcome = await syncConfiguration(context, session, { dryRun: Boolean(options.dryRun) });
  context.out.result(syncSummary(outcome), () => syncLines(outcome));
}
