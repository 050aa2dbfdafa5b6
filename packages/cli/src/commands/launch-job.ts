/**
 * The opening `dlthub run`/`serve` and `dlthub local run`/`serve` share (reference deployments.md §1, steps 1–3):
 * the manifest of the ad-hoc file or of `__deployment__.py`, generated here with its warnings printed, and the
 * one job the arguments pick from it.
 */
import * as path from 'node:path';
import { formatProblem, generateManifest, type GeneratedManifest } from '@dlthub/deployment';
import type { Context } from '../context';
import { launchTarget, pickJob, type LaunchMode, type PickedJob } from '../job-selection';

export interface JobToLaunch {
  generated: GeneratedManifest;
  picked: PickedJob;
  /** The ad-hoc file, relative to the workspace root; undefined for a manifest-based launch. */
  file: string | undefined;
}

export async function jobToLaunch(
  context: Context,
  root: string,
  args: string[],
  options: Record<string, unknown>,
  mode: LaunchMode,
): Promise<JobToLaunch> {
  const target = launchTarget(args[0], options.file as string | undefined, context.cwd);
  const file = target.file ? path.relative(root, path.resolve(context.cwd, target.file)) : undefined;
  const generated = await generateManifest(root, { file, adHoc: file !== undefined });
  for (const warning of generated.warnings) context.out.warn(formatProblem(warning));
  const picked = pickJob(generated.manifest.jobs, {
    selector: target.selector,
    jobRef: options.jobRef as string | undefined,
    mode,
  });
  return { generated, picked, file };
}
