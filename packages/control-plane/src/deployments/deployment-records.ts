import { randomUUID } from 'node:crypto';
import { HttpError } from '../http';
import type { StoredDeployment } from '../state';
import type { Tx } from '../store/types';

/** The order of a workspace's versioned uploads (deployments, configurations) as lists show them. */
export const newestVersionFirst = { by: 'version', descending: true } as const;

/** Newest first; `limit` 1 for the latest alone. */
export function deploymentVersions(tx: Tx, workspaceId: string, limit?: number): Promise<StoredDeployment[]> {
  return tx.list('deployments', { workspace_id: workspaceId }, { ...newestVersionFirst, limit });
}

export async function latestDeployment(tx: Tx, workspaceId: string): Promise<StoredDeployment | undefined> {
  return (await deploymentVersions(tx, workspaceId, 1))[0];
}

/** `latest`, a version number, or a deployment id; another workspace's deployment is not found. */
export async function findDeployment(tx: Tx, workspaceId: string, idOrVersion: string): Promise<StoredDeployment> {
  const found =
    idOrVersion === 'latest'
      ? await latestDeployment(tx, workspaceId)
      : /^[1-9][0-9]{0,8}$/.test(idOrVersion)
        ? await tx.find('deployments', { workspace_id: workspaceId, version: Number(idOrVersion) })
        : await tx.find('deployments', { workspace_id: workspaceId, id: idOrVersion });
  if (!found) {
    throw new HttpError(
      404,
      idOrVersion === 'latest'
        ? `Workspace ${workspaceId} has no deployment yet.`
        : `Deployment ${idOrVersion} not found in workspace ${workspaceId}.`,
    );
  }
  return found;
}

export interface NewDeployment {
  workspaceId: string;
  contentHash: string;
  files: StoredDeployment['files'];
  /** The package's requirements.json, when it has one. */
  requirements?: StoredDeployment['requirements'];
  tarball: Buffer;
  createdBy: string;
  now: Date;
}

/**
 * Stores a new version unless the content hash equals the latest version's (then that one is returned,
 * `created: false`). The workspace record is locked first, so concurrent uploads to one workspace take
 * turns (on PostgreSQL across instances too) and get consecutive versions.
 */
export async function saveDeployment(
  tx: Tx,
  upload: NewDeployment,
): Promise<{ record: StoredDeployment; created: boolean }> {
  await tx.find('workspaces', { id: upload.workspaceId }, { lock: true });
  const latest = await latestDeployment(tx, upload.workspaceId);
  if (latest && latest.content_hash === upload.contentHash) return { record: latest, created: false };
  const record: StoredDeployment = {
    id: randomUUID(),
    workspace_id: upload.workspaceId,
    version: (latest?.version ?? 0) + 1,
    content_hash: upload.contentHash,
    file_count: upload.files.length,
    size: upload.tarball.length,
    files: upload.files,
    requirements: upload.requirements ?? null,
    created_by: upload.createdBy,
    created_at: upload.now.toISOString(),
  };
  await tx.insert('deployments', record);
  await tx.insert('deployment_contents', { deployment_id: record.id, content: upload.tarball.toString('base64') });
  return { record, created: true };
}

export async function deploymentTarball(tx: Tx, deploymentId: string): Promise<Buffer> {
  const content = await tx.find('deployment_contents', { deployment_id: deploymentId });
  if (!content) throw new Error(`Deployment ${deploymentId} has no stored content.`);
  return Buffer.from(content.content, 'base64');
}
