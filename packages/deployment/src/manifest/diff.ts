/**
 * The reconcile plan of a manifest against the jobs deployed before (reference deployments.md §1 step 6):
 * added (new job_ref), updated (same ref, different definition hash), unchanged, archived (deployed before,
 * absent now; its history stays, its triggers stop). An ad-hoc manifest (`deployment_module` null) archives
 * nothing. Used by the deploy dry run and by a control plane reconciling what it receives.
 */
import { jobDefinitionHash } from './hash';
import type { DeploymentManifest, JobDefinition } from './types';

export interface ManifestPlan {
  added: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
}

export function diffManifests(
  previous: { jobs: readonly JobDefinition[] } | null,
  next: Pick<DeploymentManifest, 'jobs' | 'deployment_module'>,
): ManifestPlan {
  const before = new Map((previous?.jobs ?? []).map((job) => [job.job_ref, jobDefinitionHash(job)]));
  const plan: ManifestPlan = { added: [], updated: [], unchanged: [], archived: [] };
  for (const job of next.jobs) {
    const hash = before.get(job.job_ref);
    if (hash === undefined) plan.added.push(job.job_ref);
    else if (hash === jobDefinitionHash(job)) plan.unchanged.push(job.job_ref);
    else plan.updated.push(job.job_ref);
  }
  if (next.deployment_module !== null) {
    const now = new Set(next.jobs.map((job) => job.job_ref));
    plan.archived = [...before.keys()].filter((ref) => !now.has(ref));
  }
  return plan;
}
