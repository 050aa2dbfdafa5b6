/** `dlthub configuration sync [--dry-run]`: upload the synced profiles (registry-synced and decorator-referenced) plus the workspace files; never dev/tests. */
import { openSession, syncConfiguration } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';
import { syncLines, syncSummary } from './sync-report';

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  const host = platformHost(context);
  const session = openSession(host, { requireWorkspace: true });
  const outcome = await syncConfiguration(host, { session, dryRun: Boolean(options.dryRun) });
  context.out.result(syncSummary(outcome), () => syncLines(outcome));
}
