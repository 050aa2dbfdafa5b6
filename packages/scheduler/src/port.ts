/**
 * What the scheduler needs from storage. The control plane implements it over its database; `InMemorySchedulerStore`
 * implements it for tests and benchmarks. Every method may be called by several scheduler instances at once.
 */
import type { JobDefinition } from './job';

export interface JobFilter {
  /** Only jobs of this scope (a control plane's workspace): job refs, follow-ups and tags never cross scopes. */
  scope?: string;
  trigger?: string;
  freshness?: string;
  ids?: readonly string[];
}

/** Outcome of one fire (reference deployments.md §4.2). */
export type FireStatus =
  | 'triggered'
  | 'skipped_fresh'
  | 'skipped_upstream_pending'
  | 'skipped_out_of_interval'
  | 'skipped_concurrency_limit'
  | 'skipped_already_covered';

export type RunStatus = 'pending' | 'starting' | 'running' | 'completed' | 'failed' | 'cancelled';

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** Why a run's `refresh` is true: first run, explicit `--refresh`, a cascade along freshness edges. */
export type RefreshOrigin = 'first_run' | 'explicit' | 'cascade';

/** An active (deployed, not archived) job as the scheduler sees it. */
export interface ScheduledJob {
  id: string;
  /** Where the job's ref is unique (a workspace); jobs of one store without scopes share the empty scope. */
  scope?: string;
  definition: JobDefinition;
  /** When this job became active (deploy): `every:` periods count from here and nothing fires for earlier ticks. */
  activatedAt: Date;
  paused: boolean;
  /** Last resume: ticks missed while paused are not fired. */
  resumedAt?: Date;
  /** Set by a refresh cascade; the next run gets `refresh: true` and clears it. */
  refreshPending: boolean;
  /** Due time of the last handled timed fire, by trigger string (fired or skipped). */
  lastFires: Readonly<Record<string, Date>>;
}

/** The run context the launcher passes to the job (§4.3), minus `run_id` which the store assigns. */
export interface RunContext {
  trigger: string;
  refresh: boolean;
  interval_start: string;
  interval_end: string;
  interval_timezone: string;
}

export interface RunSummary {
  runId: string;
  jobId: string;
  /** The job's scope: follow-ups and the refresh cascade look only there. */
  scope?: string;
  jobRef: string;
  status: RunStatus;
  context: RunContext;
  refreshOrigin?: RefreshOrigin;
  /** When it completes, mark the jobs downstream along freshness edges to refresh (see the engine's cascade). */
  propagatesRefresh?: boolean;
  /** The due time of the fire that started the run. */
  dueAt: Date;
  createdAt: Date;
  finishedAt?: Date;
}

/** One fire the scheduler wants to commit; the store commits it at most once per (jobId, key). */
export interface FireClaim {
  jobId: string;
  jobRef: string;
  trigger: string;
  /**
   * Unique per intended fire, equal across scheduler instances: `<trigger>@<due ISO>` for timed fires,
   * `<trigger>@run:<upstream run id>` for follow-ups, `request:<id>` for explicit triggers.
   */
  key: string;
  /** True for schedule/every/once fires: committing updates `lastFires[trigger]`. */
  timed: boolean;
  dueAt: Date;
  firedAt: Date;
  status: FireStatus;
  reasons: string[];
  /** For `triggered`: the run to create. */
  run?: { context: RunContext; refreshOrigin?: RefreshOrigin; propagatesRefresh?: boolean };
  /** `execute.concurrency` (null = unlimited), re-checked by the store inside the commit. */
  concurrency: number | null;
  /** Explicit triggers: the profile the request overrides and who asked (reference §2.3: a run request may override the profile). */
  requested?: { profile?: string; by?: string };
}

export interface FireRecord {
  jobId: string;
  jobRef: string;
  trigger: string;
  key: string;
  dueAt: Date;
  firedAt: Date;
  status: FireStatus;
  reasons: string[];
  runId?: string;
}

/** `claimed: false` means another instance (or an earlier attempt) already committed this key. */
export type ClaimResult = { claimed: false } | ({ claimed: true } & FireRecord);

export interface SchedulerStore {
  /**
   * Jobs that may fire: deployed and not archived (paused ones included, flagged). With `filter.trigger`, only
   * those whose stored triggers include that string (the follow-ups of a finished run: a database answers it from
   * an index instead of listing every job). With `filter.ids`, only those jobs (the ones due at a wake). With
   * `filter.freshness`, only jobs declaring that freshness constraint (`job.is_fresh:<ref>`: the refresh cascade).
   */
  listActiveJobs(filter?: JobFilter): Promise<ScheduledJob[]>;
  /**
   * Atomically: if (jobId, key) was never committed, record the fire; for `triggered`, re-check
   * `concurrency` against the job's active runs (turning the fire into `skipped_concurrency_limit` with a reason
   * when full), create the run as `pending` and clear `refreshPending` when the run refreshes; for timed fires set
   * `lastFires[trigger] = dueAt`. A database does this in one transaction with a unique (job, key) constraint.
   */
  claimFire(claim: FireClaim): Promise<ClaimResult>;
  /** Newest run of the job, any status. */
  lastRun(jobId: string): Promise<RunSummary | undefined>;
  /** Newest run of the job that completed successfully. */
  lastCompletedRun(jobId: string): Promise<RunSummary | undefined>;
  activeRunCount(jobId: string): Promise<number>;
  setPaused(jobId: string, paused: boolean, at: Date): Promise<void>;
  markRefreshPending(jobIds: readonly string[]): Promise<void>;
  /** Calls `listener` whenever a run reaches a terminal status; returns an unsubscribe function. */
  onRunFinished(listener: (run: RunSummary) => void): () => void;
}
