/**
 * The sync step of `configuration sync` and `deploy`: collect, compare the content hash with the
 * remote latest version (unchanged content is never re-uploaded; the server dedupes too), upload.
 */
import type { Configuration } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import { collectConfiguration, syncedProfilesOf, type CollectedConfiguration } from './configuration-content';
import type { PlatformHost } from './host';
import { notLoggedIn, type PlatformSession } from './session';
import { readLocalBinding } from './workspace-binding';

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

export interface SyncOptions {
  session: PlatformSession;
  /** Compare with the remote and report; upload nothing. */
  dryRun: boolean;
  /** The remote workspace; default the workspace's `[runtime] workspace_id`. */
  workspaceId?: string;
  /** A client to reuse (kept open); default one from the session, closed afterwards. */
  client?: WorkspaceClient;
}

/** Uploads the synced profiles (the registry's synced ones plus those job decorators require) and the workspace files. */
export async function syncConfiguration(host: PlatformHost, options: SyncOptions): Promise<SyncOutcome> {
  const { session } = options;
  const collected = collectConfiguration(session.workspace, syncedProfilesOf(host.registry()), host.env);
  for (const warning of collected.warnings) host.progress.warn(warning);
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
        host.progress.warn(`Could not compare with the remote configuration: ${(error as Error).message}`);
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
