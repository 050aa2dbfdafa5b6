/**
 * The sync step of `configuration sync` and `deploy`: collect, compare the content hash with the
 * remote latest version (unchanged content is never re-uploaded; the server dedupes too), upload.
 */
import type { Configuration } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import type { Context } from './context';
import { collectConfiguration, syncedProfilesOf, type CollectedConfiguration } from './configuration-content';
import { readLocalBinding } from './workspace-binding';
import { notLoggedIn, type PlatformSession } from './platform';

export interface SyncOutcome {
  dryRun: boolean;
  workspaceId: string | null;
  collected: CollectedConfiguration;
  /** What happened: uploaded a new version, unchanged (nothing sent), or a dry run. */
  status: 'uploaded' | 'unchanged' | 'dry_run';
  version: number | null;
  /** For a dry run: whether the remote already has this content (null when it could not be asked). */
  remoteUnchanged: boolean | null;
}

export function notConnected(): DlthubError {
  return new DlthubError(
    'Conflict',
    'This workspace is not connected to a remote workspace (no [runtime] workspace_id).',
    {
      hint: 'Run `dlthub workspace connect` first, or `dlthub deploy`, which connects and syncs.',
    },
  );
}

export async function syncConfiguration(
  context: Context,
  session: PlatformSession,
  options: { dryRun: boolean; workspaceId?: string; client?: WorkspaceClient },
): Promise<SyncOutcome> {
  const collected = collectConfiguration(session.workspace, syncedProfilesOf(context.registry()), context.env);
  for (const warning of collected.warnings) context.out.warn(warning);
  const workspaceId = options.workspaceId ?? readLocalBinding(session.workspace).workspaceId ?? null;
  if (options.dryRun) {
    let remoteUnchanged: boolean | null = null;
    let version: number | null = null;
    if (workspaceId && session.credentials.kind !== 'none') {
      const client = options.client ?? session.client();
      try {
        const latest = await client.getLatestConfiguration(workspaceId);
        remoteUnchanged = latest?.content_hash === collected.contentHash;
        version = latest?.version ?? null;
      } catch (error) {
        context.out.warn(`Could not compare with the remote configuration: ${(error as Error).message}`);
      } finally {
        if (!options.client) await client.close();
      }
    }
    return { dryRun: true, workspaceId, collected, status: 'dry_run', version, remoteUnchanged };
  }
  if (!workspaceId) throw notConnected();
  if (session.credentials.kind === 'none' && !options.client) {
    throw notLoggedIn();
  }
  const client = options.client ?? session.client();
  try {
    const latest: Configuration | null = await client.getLatestConfiguration(workspaceId);
    if (latest && latest.content_hash === collected.contentHash) {
      return {
        dryRun: false,
        workspaceId,
        collected,
        status: 'unchanged',
        version: latest.version,
        remoteUnchanged: true,
      };
    }
    const uploaded = await client.uploadConfiguration(workspaceId, collected.content);
    return {
      dryRun: false,
      workspaceId,
      collected,
      status: uploaded.created ? 'uploaded' : 'unchanged',
      version: uploaded.version,
      remoteUnchanged: !uploaded.created,
    };
  } finally {
    if (!options.client) await client.close();
  }
}

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
