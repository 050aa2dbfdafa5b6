import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  type DeployManifestRequestSchema,
  type DeployManifestResult,
  type JobDefinition,
} from '@dlthub/api-schema';
import type { z } from 'zod';
import { HttpError } from '../http';
import type { StoredJob, StoredJobVersion } from '../state';
import type { Tx } from '../store/types';
import { activateSchedule, indexJobTriggers, scheduleChanged } from '../scheduling/job-schedules';
import { latestDeployment } from './deployment-records';

type DeployManifest = z.output<typeof DeployManifestRequestSchema>;

/** The hash a definition is compared by: the server's own, over canonical JSON (key order does not matter). */
export function definitionHash(definition: JobDefinition): string {
  return `sha256:${createHash('sha256').update(canonicalJson(definition), 'utf8').digest('hex')}`;
}

export async function latestJobVersion(tx: Tx, jobId: string): Promise<StoredJobVersion | undefined> {
  return (await tx.list('job_versions', { job_id: jobId }, { by: 'version', descending: true, limit: 1 }))[0];
}

/** A job of the workspace by id or job ref (its `name`). */
export async function findJob(tx: Tx, workspaceId: string, idOrRef: string): Promise<StoredJob> {
  const job =
    (await tx.find('jobs', { workspace_id: workspaceId, name: idOrRef })) ??
    (await tx.find('jobs', { workspace_id: workspaceId, id: idOrRef }));
  if (!job) throw new HttpError(404, `Job ${idOrRef} not found in workspace ${workspaceId}.`);
  return job;
}

/**
 * Reconciles a manifest into the workspace's jobs (reference deployments.md §1, step 6): a new job ref is
 * added; a changed definition (or an archived job that comes back) gets a new version; an equal one is
 * unchanged; an active job the manifest leaves out is archived (`active: false`, history kept) unless the
 * manifest is ad-hoc (`deployment_module: null`). A dry run only plans. Locks the workspace first, so two
 * manifests for one workspace take turns.
 */
export async function reconcileManifest(
  tx: Tx,
  workspaceId: string,
  manifest: DeployManifest,
  now: Date,
): Promise<DeployManifestResult> {
  await tx.find('workspaces', { id: workspaceId }, { lock: true });
  const result: DeployManifestResult = {
    dry_run: manifest.dry_run,
    deployment_module: manifest.deployment_module,
    added: [],
    updated: [],
    unchanged: [],
    archived: [],
    warnings: [],
  };
  const deployment = await latestDeployment(tx, workspaceId);
  if (!deployment) result.warnings.push('The workspace has no deployment yet: upload the code before running jobs.');
  const write = !manifest.dry_run;
  const addVersion = async (jobId: string, version: number, definition: JobDefinition, hash: string) => {
    if (!write) return;
    await tx.insert('job_versions', {
      id: randomUUID(),
      job_id: jobId,
      version,
      definition,
      definition_hash: hash,
      deployment_id: deployment?.id ?? null,
      created_at: now.toISOString(),
    });
  };
  const sent = new Set<string>();
  for (const definition of manifest.jobs) {
    sent.add(definition.job_ref);
    const hash = definitionHash(definition);
    const job = await tx.find('jobs', { workspace_id: workspaceId, name: definition.job_ref });
    if (!job) {
      const id = randomUUID();
      if (write) await tx.insert('jobs', { id, name: definition.job_ref, workspace_id: workspaceId, active: true });
      await addVersion(id, 1, definition, hash);
      if (write) {
        await activateSchedule(tx, id, now);
        await indexJobTriggers(tx, id, definition);
      }
      result.added.push(definition.job_ref);
      continue;
    }
    if (write) await indexJobTriggers(tx, job.id, definition);
    const current = await latestJobVersion(tx, job.id);
    if (current?.definition_hash === hash && job.active) {
      result.unchanged.push(definition.job_ref);
      continue;
    }
    if (current?.definition_hash !== hash) await addVersion(job.id, (current?.version ?? 0) + 1, definition, hash);
    if (write && !job.active) await tx.update('jobs', { id: job.id }, { active: true });
    if (write && (!job.active || scheduleChanged(current?.definition, definition))) {
      await activateSchedule(tx, job.id, now);
    }
    result.updated.push({
      job_ref: definition.job_ref,
      previous_version: current?.version ?? null,
      version: current?.definition_hash === hash ? current.version : (current?.version ?? 0) + 1,
    });
  }
  if (manifest.deployment_module !== null) {
    for (const job of await tx.list('jobs', { workspace_id: workspaceId, active: true })) {
      if (sent.has(job.name)) continue;
      if (write) await tx.update('jobs', { id: job.id }, { active: false });
      result.archived.push(job.name);
    }
  }
  return result;
}
