/**
 * The scheduler's storage port (`@dlthub/scheduler`'s SchedulerStore) over the control plane's store, SQLite or
 * PostgreSQL. A scope is a workspace. `claimFire` is one transaction: the job record is locked, the fire is looked
 * up by its unique (job, fire key) and recorded with the run it makes, so of several instances firing the same due
 * time exactly one commits (on PostgreSQL a loser that raced past the lookup hits the unique key, and the store's
 * retry then finds the winner's record). The run is launched through the run service after the commit.
 */
import type { JobDefinition as ManifestJob } from '@dlthub/api-schema';
import type {
  ClaimResult,
  FireClaim,
  FireRecord,
  FireStatus,
  JobFilter,
  RefreshOrigin,
  RunSummary,
  ScheduledJob,
  SchedulerStore,
} from '@dlthub/scheduler';
import { latestJobVersion } from '../deployments/jobs';
import { pageOf } from '../paging';
import { activeRuns, createRun } from '../runs/run-records';
import type { RunService } from '../runs/run-service';
import type { StoredJob, StoredRun, StoredScheduleFire } from '../state';
import type { Tx, Store } from '../store/types';
import { jobSchedule, markRefreshPending, setJobPaused } from './job-schedules';

export function runSummary(run: StoredRun, jobRef: string): RunSummary {
  // Runs recorded before the scheduler have no window: their end is when they were made.
  const end = run.interval_end ?? run.created_at;
  return {
    runId: run.id,
    jobId: run.job_id,
    scope: run.workspace_id,
    jobRef,
    status: run.status,
    context: {
      trigger: run.trigger,
      refresh: run.refresh ?? false,
      interval_start: run.interval_start ?? end,
      interval_end: end,
      interval_timezone: run.interval_timezone ?? 'UTC',
    },
    refreshOrigin: (run.refresh_origin ?? undefined) as RefreshOrigin | undefined,
    propagatesRefresh: run.propagates_refresh ?? false,
    dueAt: new Date(run.due_at ?? run.created_at),
    createdAt: new Date(run.created_at),
    finishedAt: run.time_ended ? new Date(run.time_ended) : undefined,
  };
}

function fireRecord(fire: StoredScheduleFire, jobRef: string): FireRecord {
  return {
    jobId: fire.job_id,
    jobRef,
    trigger: fire.trigger,
    key: fire.fire_key,
    dueAt: new Date(fire.due_at),
    firedAt: new Date(fire.fired_at),
    status: fire.status as FireStatus,
    reasons: fire.reasons,
    ...(fire.run_id ? { runId: fire.run_id } : {}),
  };
}

export class ControlPlaneSchedulerStore implements SchedulerStore {
  constructor(
    private readonly store: Store,
    private readonly runs: RunService,
    private readonly now: () => Date,
  ) {}

  async listActiveJobs(filter: JobFilter = {}): Promise<ScheduledJob[]> {
    return this.store.read(async (tx) => {
      const scope = filter.scope !== undefined ? { workspace_id: filter.scope } : {};
      let ids = filter.ids;
      // Follow-ups of a finished run and the cascade's downstream jobs come from the trigger index.
      for (const [kind, value] of [
        ['trigger', filter.trigger],
        ['freshness', filter.freshness],
      ] as const) {
        if (value === undefined) continue;
        const indexed = (await tx.list('job_triggers', { kind, value })).map((entry) => entry.job_id);
        ids = ids ? ids.filter((id) => indexed.includes(id)) : indexed;
      }
      let jobs: StoredJob[];
      if (ids) {
        jobs = [];
        for (const id of ids) {
          const job = await tx.find('jobs', { id, active: true, ...scope });
          if (job) jobs.push(job);
        }
      } else {
        jobs = await tx.list('jobs', { active: true, ...scope });
      }
      const listed: ScheduledJob[] = [];
      for (const job of jobs) {
        const scheduled = await this.scheduledJob(tx, job);
        if (scheduled) listed.push(scheduled);
      }
      return listed;
    });
  }

  /** A job with a definition (seeded jobs have none and never fire). */
  private async scheduledJob(tx: Tx, job: StoredJob): Promise<ScheduledJob | undefined> {
    const version = await latestJobVersion(tx, job.id);
    if (!version) return undefined;
    // Jobs deployed before the scheduler existed have no schedule record yet: active since their definition.
    const schedule = (await jobSchedule(tx, job.id)) ?? {
      activated_at: version.created_at,
      paused: false,
      resumed_at: null,
      refresh_pending: false,
    };
    const lastFires: Record<string, Date> = {};
    for (const fire of await tx.list('schedule_last_fires', { job_id: job.id })) {
      lastFires[fire.trigger] = new Date(fire.due_at);
    }
    return {
      id: job.id,
      scope: job.workspace_id,
      definition: version.definition,
      activatedAt: new Date(schedule.activated_at),
      paused: schedule.paused,
      resumedAt: schedule.resumed_at ? new Date(schedule.resumed_at) : undefined,
      refreshPending: schedule.refresh_pending,
      lastFires,
    };
  }

  async claimFire(claim: FireClaim): Promise<ClaimResult> {
    const outcome = await this.store.write(async (tx) => {
      const job = await tx.find('jobs', { id: claim.jobId }, { lock: true });
      const committed = await tx.find('schedule_fires', { job_id: claim.jobId, fire_key: claim.key });
      // Fired already (another instance, or an earlier attempt), or archived since the scheduler listed it.
      if (committed || !job?.active) return undefined;
      let { status, reasons } = claim;
      let run: StoredRun | undefined;
      let definition: ManifestJob | undefined;
      if (status === 'triggered' && claim.run) {
        const { context, refreshOrigin, propagatesRefresh } = claim.run;
        const created = await createRun(tx, job, {
          triggeredBy: claim.requested?.by ?? null,
          now: claim.firedAt,
          trigger: claim.trigger,
          scheduling: {
            interval_start: context.interval_start,
            interval_end: context.interval_end,
            interval_timezone: context.interval_timezone,
            refresh: context.refresh,
            refresh_origin: refreshOrigin ?? null,
            propagates_refresh: propagatesRefresh ?? false,
            due_at: claim.dueAt.toISOString(),
          },
        });
        if (created.kind === 'skipped') {
          status = 'skipped_concurrency_limit';
          reasons = [...reasons, ...created.reasons];
        } else {
          ({ run, definition } = created);
          if (context.refresh) await tx.update('job_schedules', { job_id: job.id }, { refresh_pending: false });
        }
      }
      const fire: StoredScheduleFire = {
        job_id: job.id,
        fire_key: claim.key,
        trigger: claim.trigger,
        timed: claim.timed,
        due_at: claim.dueAt.toISOString(),
        fired_at: claim.firedAt.toISOString(),
        status,
        reasons,
        run_id: run?.id ?? null,
      };
      await tx.insert('schedule_fires', fire);
      if (claim.timed) {
        const last = await tx.find('schedule_last_fires', { job_id: job.id, trigger: claim.trigger });
        if (!last)
          await tx.insert('schedule_last_fires', { job_id: job.id, trigger: claim.trigger, due_at: fire.due_at });
        else if (last.due_at < fire.due_at) {
          await tx.update('schedule_last_fires', { job_id: job.id, trigger: claim.trigger }, { due_at: fire.due_at });
        }
      }
      return { fire, run, definition };
    });
    if (!outcome) return { claimed: false };
    const { fire, run, definition } = outcome;
    if (run && definition) await this.runs.launch(run, definition, { profile: claim.requested?.profile });
    return { claimed: true, ...fireRecord(fire, claim.jobRef) };
  }

  async lastRun(jobId: string): Promise<RunSummary | undefined> {
    return this.newestRun(jobId, {});
  }

  async lastCompletedRun(jobId: string): Promise<RunSummary | undefined> {
    return this.newestRun(jobId, { status: 'completed' });
  }

  private newestRun(jobId: string, where: Partial<StoredRun>): Promise<RunSummary | undefined> {
    return this.store.read(async (tx) => {
      const [run] = await tx.list('runs', { job_id: jobId, ...where }, { by: 'number', descending: true, limit: 1 });
      if (!run) return undefined;
      const job = await tx.find('jobs', { id: jobId });
      return runSummary(run, job?.name ?? jobId);
    });
  }

  activeRunCount(jobId: string): Promise<number> {
    return this.store.read(async (tx) => (await activeRuns(tx, jobId)).length);
  }

  async setPaused(jobId: string, paused: boolean, at: Date): Promise<void> {
    await this.store.write((tx) => setJobPaused(tx, jobId, paused, at));
  }

  async markRefreshPending(jobIds: readonly string[]): Promise<void> {
    const now = this.now();
    await this.store.write(async (tx) => {
      for (const jobId of jobIds) await markRefreshPending(tx, jobId, now);
    });
  }

  onRunFinished(listener: (run: RunSummary) => void): () => void {
    return this.runs.onFinished((run, jobRef) => listener(runSummary(run, jobRef)));
  }
}

/**
 * One page of a job's fires, newest first (what the scheduler did and why: `skipped_*` with reasons), read from
 * the store: a job scheduled every minute fires 43,000 times a month.
 */
export function jobFirePage(tx: Tx, jobId: string, jobRef: string, query: { limit: number; offset: number }) {
  return pageOf(tx, 'schedule_fires', { job_id: jobId }, { by: 'fired_at', descending: true }, query, (fire) =>
    fireRecord(fire, jobRef),
  );
}
