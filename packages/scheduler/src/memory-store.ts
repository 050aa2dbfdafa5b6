/**
 * The storage port in memory, for tests and benchmarks. `claimFire` runs without an `await` between its check and
 * its writes, so on Node's single thread it is atomic: two schedulers sharing one store commit each key once.
 */
import type { JobDefinition } from './job';
import type {
  ClaimResult,
  FireClaim,
  FireRecord,
  JobFilter,
  RunStatus,
  RunSummary,
  ScheduledJob,
  SchedulerStore,
} from './port';
import { TERMINAL_RUN_STATUSES } from './port';

interface StoredJob extends ScheduledJob {
  archived: boolean;
  lastFires: Record<string, Date>;
  runs: RunSummary[];
  lastCompleted?: RunSummary;
  activeRuns: number;
}

export class InMemorySchedulerStore implements SchedulerStore {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly runsById = new Map<string, RunSummary>();
  private readonly fireKeys = new Set<string>();
  private readonly listeners = new Set<(run: RunSummary) => void>();
  /** Job ids by stored trigger string: follow-up lookups without scanning every job, as a database index would. */
  private readonly jobsByTrigger = new Map<string, string[]>();
  private readonly jobsByFreshness = new Map<string, string[]>();
  private nextJobId = 1;
  private nextRunId = 1;
  /** Every committed fire, in commit order. */
  readonly fires: FireRecord[] = [];

  /** Deploys a job definition (in `scope`, when jobs of several workspaces share the store); returns its id. */
  addJob(definition: JobDefinition, activatedAt: Date, scope?: string): string {
    const id = `job-${this.nextJobId++}`;
    this.jobs.set(id, {
      id,
      scope,
      definition,
      activatedAt,
      paused: false,
      refreshPending: false,
      lastFires: {},
      archived: false,
      runs: [],
      activeRuns: 0,
    });
    for (const trigger of new Set(definition.triggers ?? [])) {
      this.jobsByTrigger.set(trigger, [...(this.jobsByTrigger.get(trigger) ?? []), id]);
    }
    for (const constraint of new Set(definition.freshness ?? [])) {
      this.jobsByFreshness.set(constraint, [...(this.jobsByFreshness.get(constraint) ?? []), id]);
    }
    return id;
  }

  /** Archives a job (re-deploy without it, or re-binding): it stops firing, its runs and fires stay. */
  archiveJob(jobId: string): void {
    this.job(jobId).archived = true;
  }

  jobIdOf(jobRef: string): string {
    for (const job of this.jobs.values()) if (job.definition.job_ref === jobRef && !job.archived) return job.id;
    throw new Error(`no active job ${jobRef}`);
  }

  runs(jobId?: string): RunSummary[] {
    return jobId ? [...this.job(jobId).runs] : [...this.runsById.values()];
  }

  firesOf(jobId: string): FireRecord[] {
    return this.fires.filter((fire) => fire.jobId === jobId);
  }

  /** Moves a run on (`starting`, `running`) or ends it; a terminal status notifies run-finished listeners. */
  setRunStatus(runId: string, status: RunStatus, at: Date): void {
    const run = this.runsById.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    if (TERMINAL_RUN_STATUSES.includes(run.status)) throw new Error(`run ${runId} already ${run.status}`);
    run.status = status;
    if (!TERMINAL_RUN_STATUSES.includes(status)) return;
    run.finishedAt = at;
    const job = this.job(run.jobId);
    job.activeRuns--;
    if (status === 'completed') job.lastCompleted = run;
    for (const listener of this.listeners) listener({ ...run });
  }

  async listActiveJobs(filter: JobFilter = {}): Promise<ScheduledJob[]> {
    const active: ScheduledJob[] = [];
    let ids = filter.ids;
    for (const [value, index] of [
      [filter.trigger, this.jobsByTrigger],
      [filter.freshness, this.jobsByFreshness],
    ] as const) {
      if (value === undefined) continue;
      const matching = index.get(value) ?? [];
      ids = ids ? ids.filter((id) => matching.includes(id)) : matching;
    }
    const candidates: Iterable<StoredJob> = ids ? ids.flatMap((id) => this.jobs.get(id) ?? []) : this.jobs.values();
    for (const job of candidates) {
      if (job.archived || (filter.scope !== undefined && job.scope !== filter.scope)) continue;
      active.push({
        id: job.id,
        scope: job.scope,
        definition: job.definition,
        activatedAt: job.activatedAt,
        paused: job.paused,
        resumedAt: job.resumedAt,
        refreshPending: job.refreshPending,
        lastFires: { ...job.lastFires },
      });
    }
    return active;
  }

  async claimFire(claim: FireClaim): Promise<ClaimResult> {
    const job = this.job(claim.jobId);
    const fireKey = `${claim.jobId}\u0000${claim.key}`;
    if (this.fireKeys.has(fireKey)) return { claimed: false };
    this.fireKeys.add(fireKey);
    let { status, reasons } = claim;
    if (status === 'triggered' && claim.concurrency !== null && job.activeRuns >= claim.concurrency) {
      status = 'skipped_concurrency_limit';
      reasons = [
        ...reasons,
        `${claim.jobRef} has ${job.activeRuns} active run(s); execute.concurrency is ${claim.concurrency}`,
      ];
    }
    const record: FireRecord = {
      jobId: claim.jobId,
      jobRef: claim.jobRef,
      trigger: claim.trigger,
      key: claim.key,
      dueAt: claim.dueAt,
      firedAt: claim.firedAt,
      status,
      reasons,
    };
    if (status === 'triggered' && claim.run) {
      const run: RunSummary = {
        runId: `run-${this.nextRunId++}`,
        jobId: job.id,
        scope: job.scope,
        jobRef: claim.jobRef,
        status: 'pending',
        context: claim.run.context,
        refreshOrigin: claim.run.refreshOrigin,
        propagatesRefresh: claim.run.propagatesRefresh,
        dueAt: claim.dueAt,
        createdAt: claim.firedAt,
      };
      job.runs.push(run);
      job.activeRuns++;
      this.runsById.set(run.runId, run);
      if (run.context.refresh) job.refreshPending = false;
      record.runId = run.runId;
    }
    if (claim.timed) job.lastFires[claim.trigger] = claim.dueAt;
    this.fires.push(record);
    return { claimed: true, ...record };
  }

  async lastRun(jobId: string): Promise<RunSummary | undefined> {
    return this.job(jobId).runs.at(-1);
  }

  async lastCompletedRun(jobId: string): Promise<RunSummary | undefined> {
    return this.job(jobId).lastCompleted;
  }

  async activeRunCount(jobId: string): Promise<number> {
    return this.job(jobId).activeRuns;
  }

  async setPaused(jobId: string, paused: boolean, at: Date): Promise<void> {
    const job = this.job(jobId);
    if (job.paused === paused) return;
    job.paused = paused;
    if (!paused) job.resumedAt = at;
  }

  async markRefreshPending(jobIds: readonly string[]): Promise<void> {
    for (const jobId of jobIds) this.job(jobId).refreshPending = true;
  }

  onRunFinished(listener: (run: RunSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private job(jobId: string): StoredJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job;
  }
}
