/** How a configuration sync is reported: the `--json` summary and the text lines (shared by `configuration sync` and `deploy`). */
import type { SyncOutcome } from '@dlthub/platform';

export function syncSummary(outcome: SyncOutcome): Record<string, unknown> {
  return {
    dry_run: outcome.dryRun,
    status: outcome.status,
    workspace_id: outcome.workspaceId,
    version: outcome.version,
    content_hash: outcome.collected.contentHash,
    size: outcome.collected.size,
    profiles: outcome.collected.profiles,
    files: outcome.collected.files,
    not_synced: outcome.collected.notSynced,
    remote_unchanged: outcome.remoteUnchanged,
  };
}

/** The lines that say what was (or would be) uploaded and what stayed local. */
export function syncLines(outcome: SyncOutcome): string[] {
  const { collected } = outcome;
  const head =
    outcome.status === 'dry_run'
      ? `Dry run: would upload ${collected.files.length} file${collected.files.length === 1 ? '' : 's'} (${collected.contentHash.slice(0, 19)}…, ${collected.size} bytes)${
          outcome.remoteUnchanged === true
            ? `; unchanged since version ${outcome.version}, so nothing would be sent`
            : outcome.remoteUnchanged === false
              ? '; differs from the remote latest version'
              : ''
        }:`
      : outcome.status === 'unchanged'
        ? `Configuration unchanged (version ${outcome.version}, ${collected.contentHash.slice(0, 19)}…): nothing uploaded.`
        : `Uploaded configuration version ${outcome.version} (${collected.contentHash.slice(0, 19)}…, ${collected.size} bytes):`;
  const lines = [head];
  if (outcome.status !== 'unchanged') {
    for (const file of collected.files) {
      lines.push(
        `  ${file.path}  (${file.scope === 'workspace' ? 'workspace' : `profile ${file.profile}`}${file.note ? `; ${file.note}` : ''})`,
      );
    }
  }
  for (const entry of collected.notSynced) lines.push(`  not synced: ${entry.path}  (${entry.reason})`);
  return lines;
}
