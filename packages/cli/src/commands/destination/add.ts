/** `dlthub destination add <name> --type <type> [--profile <p>]...`: the plan from @dlthub/scaffold, applied. */
import * as path from 'node:path';
import type { Context } from '../../context';
import { assertProfileArgument, usageError, workspaceNotFound } from '../../context';
import { core } from '../../core';
import { planJson, planLines } from '../../plan-output';
import { batchingHost, underWorkspaceLock } from '@dlthub/platform/workspace-writes';

export async function run(context: Context, [name = '']: string[], options: Record<string, unknown>): Promise<void> {
  const registry = context.registry();
  const type = options.type as string | undefined;
  if (!type)
    throw usageError(
      'destination add needs --type <type>.',
      `Registered types: ${registry.destinationTypes().join(', ')}.`,
    );
  if (!core().isWorkspaceDir(context.cwd, context.env.DLT_CONFIG_FOLDER || undefined))
    throw workspaceNotFound(context.cwd);
  // Several --profile flags add the destination to each; none means the active profile.
  for (const profile of context.profiles) assertProfileArgument(profile, '--profile');
  const profiles = context.profiles.length > 0 ? context.profiles : [context.requireWorkspace().profile ?? 'dev'];
  const rootDir = context.cwd;
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const dryRun = Boolean(options.dryRun);
  // The settings dir itself (several --profile flags are fine here, so the workspace is not opened for it).
  const settingsDir = path.resolve(context.cwd, context.env.DLT_CONFIG_FOLDER || '.dlt');
  // Planned under the lock from the files as they are now, and written as one change.
  const plan = await underWorkspaceLock(settingsDir, () => {
    const batch = batchingHost(scaffold.nodeFileHost(rootDir));
    const planned = scaffold.planAddDestination(batch.host, { directory: '', name, type, profiles, registry });
    if (!dryRun) {
      scaffold.applyPlan(batch.host, planned);
      batch.commit();
    }
    return planned;
  });
  const { out } = context;
  if (!out.json) for (const note of plan.notes) out.info(note);
  out.result({ name, type, profiles, ...planJson(plan, !dryRun) }, () => planLines(out, plan));
  if (dryRun) out.info('--dry-run: nothing was written.');
  else
    out.info(
      `Added destination \`${name}\` (${type}) to profile(s) ${profiles.join(', ')}. Fill in the credentials, then run \`dlthub config validate\`.`,
    );
}
