/** `dlthub pipeline init <source> <destination>`: a pipeline script from a template plus placeholder keys (dlt init). */
import type { Context } from '../../context';
import { usageError } from '../../context';
import * as path from 'node:path';
import { planJson, planLines } from '../../plan-output';
import { batchingHost, underWorkspaceLock } from '../../workspace-writes';

export async function run(
  context: Context,
  [source, destination]: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const location = options.location as string | undefined;
  const { out } = context;
  if (options.listSources) {
    const templates = scaffold.listPipelineTemplates(location).map(({ name, description }) => ({ name, description }));
    out.result({ templates }, () =>
      templates.map((template) => `${out.style('bold', template.name)} - ${template.description}`),
    );
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
    const planned = scaffold.planPipelineInit(batch.host, { directory: '', source, destination, registry, location });
    if (!dryRun) {
      scaffold.applyPlan(batch.host, planned);
      batch.commit();
    }
    return planned;
  });
  for (const note of plan.notes) if (!out.json) out.info(note);
  out.result({ source, destination, ...planJson(plan, !dryRun) }, () => planLines(out, plan));
  if (dryRun) out.info('--dry-run: nothing was written.');
  else {
    out.info(
      `Fill in the "${scaffold.CONFIGURE_ME}" values in .dlt/secrets.toml and .dlt/config.toml, then run: python ${source}_pipeline.py`,
    );
  }
}
