/**
 * `dlthub deploy [--file F]` (reference deployments.md §1): the first-run walk-through (log in, connect; see
 * remote/setup.ts), then the manifest generated from the sources, the code package uploaded unless unchanged,
 * the configuration synced, and the manifest reconciled into jobs; prints added/updated/unchanged/archived.
 * `--show-manifest` and `--dry-run` run offline (deploy-preview.ts).
 */
import { deployWorkspace } from '@dlthub/platform';
import type { Context } from '../context';
import { deployLines, deploySummary } from './remote/deploy-report';
import { loginAndConnect } from './remote/setup';

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  // Offline: no login, no connect, nothing sent.
  if (options.showManifest)
    return (require('./deploy-preview') as typeof import('./deploy-preview')).showManifest(context, options);
  if (options.dryRun)
    return (require('./deploy-preview') as typeof import('./deploy-preview')).dryRun(context, options);
  const { out } = context;
  const steps = (index: number) => `Step ${index}/3`;
  const { host, session, client, workspaceId, login, connect } = await loginAndConnect(context, options, steps);
  try {
    out.info(`${steps(3)}: deploying code, configuration and manifest.`);
    const outcome = await deployWorkspace(host, {
      session,
      client,
      workspaceId,
      file: options.file as string | undefined,
    });
    out.result({ login, connect, workspace_id: workspaceId, ...deploySummary(outcome) }, () => deployLines(outcome));
    out.info(
      `Deploy done: deployment version ${outcome.code.deployment.version}, configuration version ${outcome.configuration.version}, ${outcome.generated.manifest.jobs.length} job(s) in the manifest.`,
    );
  } finally {
    await client.close();
  }
}
