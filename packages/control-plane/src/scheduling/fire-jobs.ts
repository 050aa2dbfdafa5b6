/** Explicit fires from the API (`POST …/runs`, `POST …/jobs/trigger`): through the scheduler, answered per job. */
import type { TriggerRunResult } from '@dlthub/api-schema';
import type { FireRecord } from '@dlthub/scheduler';
import type { Context } from '../context';
import { runView } from '../views';

export interface FireRequest {
  workspaceId: string;
  /** Selectors or job refs (reference §4.1). */
  inputs: readonly string[];
  userId: string;
  profile?: string;
  refresh?: boolean;
}

export async function fireJobs(ctx: Context, request: FireRequest): Promise<TriggerRunResult[]> {
  const fires = await ctx.scheduler.trigger(request.inputs, {
    scope: request.workspaceId,
    refresh: request.refresh,
    profile: request.profile,
    requestedBy: request.userId,
  });
  return ctx.store.read(async (tx) => {
    const results: TriggerRunResult[] = [];
    for (const fire of fires) {
      const run = fire.runId ? await tx.find('runs', { id: fire.runId }) : undefined;
      results.push(triggerResult(fire, run ? runView(run, fire.jobRef) : null));
    }
    return results;
  });
}

function triggerResult(fire: FireRecord, run: TriggerRunResult['run']): TriggerRunResult {
  return {
    job_ref: fire.jobRef,
    status: fire.status,
    trigger: fire.trigger,
    reasons: fire.reasons,
    run,
  };
}
