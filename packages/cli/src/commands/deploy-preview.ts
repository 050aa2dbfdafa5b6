/**
 * The offline half of `dlthub deploy` (reference deployments.md §1 steps 3–5): `--show-manifest` prints the
 * manifest generated from the Python sources (YAML; JSON with --json) and stops; `--dry-run` shows what a
 * deploy would upload — the code package (files, size, content hash), the configuration package (file names and
 * hash; never contents) and the manifest's jobs — without network and without login. The server's latest
 * versions are not read here, so every job shows as what the manifest would send; `dlthub deploy` reports the
 * server's plan (added, updated, unchanged, archived).
 */
import { stringify as toYaml } from 'yaml';
import {
  buildCodePackage,
  buildConfigurationPackage,
  diffManifests,
  formatProblem,
  generateManifest,
  type GeneratedManifest,
} from '@dlthub/deployment';
import { formatBytes, oversizedCodePackage } from '@dlthub/platform';
import { defaultTrigger, humanizeTrigger } from '@dlthub/scheduler';
import type { Context } from '../context';

function rootOf(context: Context): string {
  const workspace = context.workspace();
  return workspace.mode === 'workspace' ? workspace.rootDir : context.cwd;
}

async function manifestOf(context: Context, options: Record<string, unknown>): Promise<GeneratedManifest> {
  const generated = await generateManifest(rootOf(context), { file: options.file as string | undefined });
  for (const warning of generated.warnings) context.out.warn(formatProblem(warning));
  return generated;
}

function jobLine(job: GeneratedManifest['manifest']['jobs'][number]): string {
  const trigger = job.default_trigger ?? defaultTrigger(job.triggers);
  const when = trigger ? humanizeTrigger(trigger) : 'manual only';
  return `${job.job_ref} (${job.entry_point.job_type}, ${when})`;
}

export async function showManifest(context: Context, options: Record<string, unknown>): Promise<void> {
  const { manifest } = await manifestOf(context, options);
  context.out.result(manifest, () => toYaml(manifest, { lineWidth: 0 }).trimEnd());
}

export async function dryRun(context: Context, options: Record<string, unknown>): Promise<void> {
  const root = rootOf(context);
  const [code, configuration, generated] = await Promise.all([
    buildCodePackage(root),
    buildConfigurationPackage(root),
    manifestOf(context, options),
  ]);
  const plan = diffManifests(null, generated.manifest);
  const oversized = oversizedCodePackage(code);
  const summary = {
    dry_run: true,
    deployment: {
      content_hash: code.contentHash,
      file_count: code.fileCount,
      size: code.size,
      compressed_size: code.tarball.length,
      too_large: oversized !== undefined,
      files: code.manifest.files.map((file) => ({ path: file.relative_path, size: file.size_in_bytes })),
    },
    configuration: {
      content_hash: configuration.contentHash,
      file_count: configuration.fileCount,
      files: configuration.manifest.files.map((file) => file.relative_path),
    },
    manifest: {
      hash: generated.hash,
      deployment_module: generated.manifest.deployment_module,
      jobs: generated.manifest.jobs.map((job) => ({
        job_ref: job.job_ref,
        job_type: job.entry_point.job_type,
        triggers: job.triggers,
        default_trigger: job.default_trigger ?? null,
      })),
      plan,
    },
  };
  context.out.result(summary, () => {
    const lines = [
      `Code package: ${code.fileCount} file(s), ${code.size} bytes (${formatBytes(code.tarball.length)} compressed), content hash ${code.contentHash}`,
      ...(context.out.verbose > 0
        ? code.manifest.files.map((file) => `  ${file.relative_path} (${file.size_in_bytes} B)`)
        : []),
      `Configuration package: ${configuration.fileCount} file(s), content hash ${configuration.contentHash}`,
      ...configuration.manifest.files.map((file) => `  .dlt/${file.relative_path}`),
      `Manifest: ${generated.manifest.jobs.length} job(s), hash ${generated.hash}`,
      ...plan.added.map((ref) => `  + ${jobLine(generated.manifest.jobs.find((job) => job.job_ref === ref)!)}`),
    ];
    return lines;
  });
  if (oversized) context.out.warn(`${oversized.message} ${oversized.hint}`);
  context.out.info(
    '--dry-run: nothing was uploaded. The server compares these hashes with its latest versions and reports added, updated, unchanged and archived jobs on deploy.',
  );
}
