/** `dlthub init`: print the file plan, then write it (unless --dry-run). */
import type { Context } from '../../context';
import { planJson, planLines } from '../../plan-output';

export function run(context: Context, _args: string[], options: Record<string, unknown>): void {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const host = scaffold.nodeFileHost(context.cwd);
  const plan = scaffold.planInit(host, {
    directory: '',
    name: options.name as string | undefined,
    force: Boolean(options.force),
    dependencies: options.dependencies as 'auto' | 'pyproject' | 'requirements',
    uvOnPath: scaffold.isOnPath('uv', context.env),
  });
  const dryRun = Boolean(options.dryRun);
  const { out } = context;
  if (!out.json) {
    for (const note of plan.notes) out.info(note);
    out.print(planLines(out, plan).join('\n'));
  }
  if (dryRun) {
    out.result(planJson(plan, false), () => []);
    out.info('--dry-run: nothing was written.');
    // A plan with a conflict fails the dry run exactly as it would fail the real run.
    scaffold.assertNoConflicts(plan);
    return;
  }
  scaffold.applyPlan(host, plan);
  const { ensureSecretsIgnored } = require('../../secrets-ignored') as typeof import('../../secrets-ignored');
  const ignoreNote = ensureSecretsIgnored(context.cwd, scaffold.GITIGNORE_MARKER);
  if (ignoreNote) out.warn(ignoreNote);
  const nextSteps = scaffold.initNextSteps(plan);
  out.result({ ...planJson(plan, true), nextSteps }, () => []);
  out.info('');
  out.info('Workspace ready. Next steps:');
  nextSteps.forEach((step, index) => out.info(`  ${index + 1}. ${step}`));
}
