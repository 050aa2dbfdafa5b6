/** How a deploy is reported (shared by `deploy`, `run` and `serve`): the `--json` summary and the text lines. */
import type { DeployOutcome } from '@dlthub/platform';
import { syncSummary } from '../configuration/sync-report';

export function deploySummary(outcome: DeployOutcome): Record<string, unknown> {
  const { code, configuration, reconcile, generated } = outcome;
  return {
    deployment: {
      id: code.deployment.id,
      version: code.deployment.version,
      content_hash: code.contentHash,
      file_count: code.fileCount,
      size: code.size,
      skipped: code.status === 'unchanged',
    },
    configuration: syncSummary(configuration),
    manifest: { hash: generated.hash, deployment_module: generated.manifest.deployment_module },
    reconcile: {
      added: reconcile.added,
      updated: reconcile.updated,
      unchanged: reconcile.unchanged,
      archived: reconcile.archived,
      warnings: reconcile.warnings,
    },
  };
}

export function deployLines(outcome: DeployOutcome): string[] {
  const { code, configuration, reconcile } = outcome;
  const { added, updated, unchanged, archived } = reconcile;
  return [
    `Deployment version ${code.deployment.version} (${code.status === 'uploaded' ? 'uploaded' : 'unchanged, not uploaded'}; ${code.fileCount} file(s), ${code.contentHash.slice(0, 19)}…)`,
    `Configuration version ${configuration.version} (${configuration.status === 'uploaded' ? 'uploaded' : 'unchanged, not uploaded'})`,
    `Jobs: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${archived.length} archived`,
    ...added.map((ref) => `  + ${ref}`),
    ...updated.map((job) => `  ~ ${job.job_ref} (version ${job.previous_version ?? '–'} → ${job.version})`),
    ...unchanged.map((ref) => `  = ${ref}`),
    ...archived.map((ref) => `  - ${ref} (archived: triggers stop, history kept)`),
  ];
}
