/**
 * `dlthub pipeline init <source> <destination>` as `dlt init`: a core source, template or verified source
 * (from `--location`/`--branch`), its keys as placeholders and its requirements merged into the project.
 */
import type { Context } from '../../context';
import { usageError } from '../../context';
import * as path from 'node:path';
import { planJson, planLines } from '../../plan-output';
import { batchingHost, underWorkspaceLock } from '@dlthub/platform/workspace-writes';

function listSources(context: Context, location: string | undefined, branch: string | undefined): void {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const { out } = context;
  const listing = scaffold.listSources({ location, branch });
  if (listing.verifiedError) out.warn(`verified sources not listed: ${listing.verifiedError}`);
  const group = (title: string, entries: Array<{ name: string; description: string }>): string[] => [
    '---',
    title,
    '---',
    ...entries.map((entry) => `${out.style('bold', entry.name)}: ${entry.description}`),
  ];
  out.result(listing, () => [
    ...group('Available dlt core sources:', listing.core),
    ...group('Available dlt single file templates:', listing.templates),
    ...group(`Available verified sources (${listing.location}):`, listing.verified),
  ]);
}

export async function run(
  context: Context,
  [source, destination]: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const location = options.location as string | undefined;
  const branch = options.branch as string | undefined;
  const { out } = context;
  if (options.listSources) {
    listSources(context, location, branch);
    return;
  }
  if (!source || !destination) {
    throw usageError(
      'pipeline init needs <source> and <destination>.',
      'Example: dlthub pipeline init rest_api duckdb (see --list-sources).',
    );
  }
  const registry = context.registry();
  const dryRun = Boolean(options.dryRun);
  const plan = await underWorkspaceLock(path.join(context.cwd, '.dlt'), () => {
    const batch = batchingHost(scaffold.nodeFileHost(context.cwd));
    const planned = scaffold.planPipelineInit(batch.host, {
      directory: '',
      source,
      destination,
      registry,
      location,
      branch,
      force: Boolean(options.force),
    });
    if (!dryRun) {
      scaffold.applyPlan(batch.host, planned);
      batch.commit();
    }
    return planned;
  });
  for (const note of plan.notes) if (!out.json) out.info(note);
  out.result({ source, destination, ...planJson(plan, !dryRun) }, () => planLines(out, plan));
  if (dryRun) {
    out.info('--dry-run: nothing was written.');
    // A plan with a conflict fails the dry run exactly as it would fail the real run.
    scaffold.assertNoConflicts(plan);
  } else {
    out.info(
      `Fill in the "${scaffold.CONFIGURE_ME}" values in .dlt/secrets.toml and .dlt/config.toml, then run: python ${source}_pipeline.py`,
    );
  }
}
