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
  buildConfigurationPackage,
  diffManifests,
  formatProblem,
  generateManifest,
  type GeneratedManifest,
} from '@dlthub/deployment';
import { buildUploadableCodePackage, formatBytes, type UploadableCodePackage } from '@dlthub/platform';
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

/**
 * The code package part of the preview. A package over the upload limit was not built to its end, so it has
 * neither a content hash nor a compressed size; its files and their sizes are still listed.
 */
function codeSummary({ pkg, files }: UploadableCodePackage) {
  if (pkg)
    return {
      content_hash: pkg.contentHash,
      file_count: pkg.fileCount,
      size: pkg.size,
      compressed_size: pkg.tarball.length,
      too_large: false,
      files: pkg.manifest.files.map((file) => ({ path: file.relative_path, size: file.size_in_bytes })),
    };
  return {
    content_hash: null,
    file_count: files.length,
    size: files.reduce((total, file) => total + file.size_in_bytes, 0),
    compressed_size: null,
    too_large: true,
    files: files.map((file) => ({ path: file.relative_path, size: file.size_in_bytes })),
  };
}

export async function dryRun(context: Context, options: Record<string, unknown>): Promise<void> {
  const root = rootOf(context);
  const [code, configuration, generated] = await Promise.all([
    buildUploadableCodePackage(root),
    buildConfigurationPackage(root),
    manifestOf(context, options),
  ]);
  const plan = diffManifests(null, generated.manifest);
  const deployment = codeSummary(code);
  const summary = {
    dry_run: true,
    deployment,
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
    const built =
      deployment.compressed_size === null
        ? '(over the upload limit once compressed: not built)'
        : `(${formatBytes(deployment.compressed_size)} compressed), content hash ${deployment.content_hash}`;
    const lines = [
      `Code package: ${deployment.file_count} file(s), ${deployment.size} bytes ${built}`,
      ...(context.out.verbose > 0 ? deployment.files.map((file) => `  ${file.path} (${file.size} B)`) : []),
      `Configuration package: ${configuration.fileCount} file(s), content hash ${configuration.contentHash}`,
      ...configuration.manifest.files.map((file) => `  .dlt/${file.relative_path}`),
      `Manifest: ${generated.manifest.jobs.length} job(s), hash ${generated.hash}`,
      ...plan.added.map((ref) => `  + ${jobLine(generated.manifest.jobs.find((job) => job.job_ref === ref)!)}`),
    ];
    return lines;
  });
  if (code.refusal) context.out.warn(`${code.refusal.message} ${code.refusal.hint}`);
  context.out.info(
    '--dry-run: nothing was uploaded. The server compares these hashes with its latest versions and reports added, updated, unchanged and archived jobs on deploy.',
  );
}
