import { z } from 'zod';
import { IdSchema, QueryCountSchema, TimestampSchema } from './common';
import { JobRefSchema } from './manifest';

/** Reference deployments.md §5: pending → starting → running → completed | failed | cancelled. */
export const RunStatusSchema = z.enum(['pending', 'starting', 'running', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export const terminalRunStatuses: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];
export const isTerminalRunStatus = (status: RunStatus): boolean => terminalRunStatuses.includes(status);
/** "Active" = not terminal (reference §5): what a cancel stops and what counts against `execute.concurrency`. */
export const activeRunStatuses: readonly RunStatus[] = RunStatusSchema.options.filter(
  (status) => !isTerminalRunStatus(status),
);

export const RunSchema = z.object({
  id: IdSchema,
  workspace_id: IdSchema,
  job_id: IdSchema,
  job_ref: JobRefSchema,
  /** Counts up per job from 1. */
  number: z.number().int().positive(),
  status: RunStatusSchema,
  /** The full trigger string that fired it, e.g. `manual:jobs.etl.load`. */
  trigger: z.string().min(1),
  /** The profile the run uses; empty until the runner has chosen it. */
  profile: z.string(),
  triggered_by: IdSchema.nullable(),
  deployment_id: IdSchema,
  configuration_id: IdSchema.nullable(),
  job_version: z.number().int().positive(),
  /** Why it failed or was stopped (or the runner's note), in words. */
  reason: z.string().nullable(),
  exit_code: z.number().int().nullable(),
  created_at: TimestampSchema,
  time_started: TimestampSchema.nullable(),
  time_ended: TimestampSchema.nullable(),
  /** Seconds from start to end. */
  duration: z.number().nonnegative().nullable(),
  /** The run's data window `[interval_start, interval_end)`, UTC (reference §4.2); absent on older servers. */
  interval_start: TimestampSchema.nullable().optional(),
  interval_end: TimestampSchema.nullable().optional(),
  /** An interactive run's address while it serves (the app's port on the control plane's loopback); else null. */
  url: z.string().url().nullable().optional(),
});
export type Run = z.infer<typeof RunSchema>;

/** `GET …/runs`: newest first, optionally one job's (id or job ref) and one status. */
export const RunListQuerySchema = z.object({
  job: z.string().min(1).optional(),
  status: RunStatusSchema.optional(),
});

/** `POST /api/v1/workspaces/{id}/runs`: fire one job now (its default trigger, else `manual:<job_ref>`). */
export const TriggerRunRequestSchema = z.object({
  /** Job id or job ref. */
  job: z.string().min(1),
  /** Overrides the profile the job would use. */
  profile: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .optional(),
  refresh: z.boolean().default(false),
});
export type TriggerRunRequest = z.input<typeof TriggerRunRequestSchema>;

/** Trigger outcomes (reference §4.2); only `triggered` makes a run. */
export const TriggerStatusSchema = z.enum([
  'triggered',
  'skipped_fresh',
  'skipped_upstream_pending',
  'skipped_out_of_interval',
  'skipped_concurrency_limit',
  'skipped_already_covered',
]);
export type TriggerStatus = z.infer<typeof TriggerStatusSchema>;

export const TriggerRunResultSchema = z.object({
  job_ref: JobRefSchema,
  status: TriggerStatusSchema,
  trigger: z.string().min(1),
  /** Why nothing ran, when skipped. */
  reasons: z.array(z.string()),
  run: RunSchema.nullable(),
});
export type TriggerRunResult = z.infer<typeof TriggerRunResultSchema>;

/**
 * `POST /api/v1/workspaces/{id}/jobs/trigger`: fire every job the selectors (reference §4.1: `tag:nightly`,
 * `schedule:*`, …) or job names pick, each with its picked trigger, upstreams first.
 */
export const TriggerJobsRequestSchema = z.object({
  selectors: z.array(z.string().min(1).max(500)).min(1).max(100),
  profile: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .optional(),
  refresh: z.boolean().default(false),
});
export type TriggerJobsRequest = z.input<typeof TriggerJobsRequestSchema>;

export const TriggerJobsResultSchema = z.object({ triggered: z.array(TriggerRunResultSchema) });
export type TriggerJobsResult = z.infer<typeof TriggerJobsResultSchema>;

/** One fire of a job's trigger as the scheduler recorded it: `triggered` (with its run) or why it was skipped. */
export const FireSchema = z.object({
  job_ref: JobRefSchema,
  trigger: z.string().min(1),
  /** When it was due (the tick, the upstream's end, or the request). */
  due_at: TimestampSchema,
  fired_at: TimestampSchema,
  status: TriggerStatusSchema,
  reasons: z.array(z.string()),
  run_id: IdSchema.nullable(),
});
export type Fire = z.infer<typeof FireSchema>;

/**
 * `POST /api/v1/workspaces/{id}/runs/cancel`: stop every active (pending, starting, running) run of the named
 * jobs in one request (reference deployments.md §5, `job cancel <sel…>`).
 */
export const CancelJobRunsRequestSchema = z.object({
  /** Job ids or job refs of the workspace; each must exist (archived jobs count: their runs may still be active). */
  jobs: z.array(z.string().min(1).max(500)).min(1).max(100),
});
export type CancelJobRunsRequest = z.input<typeof CancelJobRunsRequestSchema>;

/** The runs the request stopped, as stored once each ended; none when no named job had an active run. */
export const CancelJobRunsResultSchema = z.object({ cancelled: z.array(RunSchema) });
export type CancelJobRunsResult = z.infer<typeof CancelJobRunsResultSchema>;

/** One stored output line of a run. `phase: runner` lines are the runner's own notes (timeouts, cancel). */
export const RunLogLineSchema = z.object({
  line_num: z.number().int().positive(),
  phase: z.enum(['program', 'runner']),
  stream: z.enum(['stdout', 'stderr']),
  content: z.string(),
  reported_at: TimestampSchema,
});
export type RunLogLine = z.infer<typeof RunLogLineSchema>;

/**
 * `GET …/runs/{run}/logs` pages lines in order, larger pages than other lists. `after=N` starts after line N
 * (then `offset` counts from there): a reader paging through a long log by the last line it has makes each
 * page as cheap as the first, where a large offset makes the server read past every line it skips.
 */
export const runLogPageLimitMax = 5000;
export const RunLogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(runLogPageLimitMax).default(1000),
  offset: QueryCountSchema.default(0),
  after: QueryCountSchema.optional(),
});
export type RunLogQuery = z.input<typeof RunLogQuerySchema>;

/**
 * `GET …/runs/{run}/logs/stream` (server-sent events): every line as `event: log` with a RunLogLine as data
 * (the event id is its line number; `Last-Event-ID` or `?after=N` resumes), then one `event: end` whose
 * data is the final Run, after which the server closes the stream.
 */
export const RunLogStreamQuerySchema = z.object({
  after: QueryCountSchema.default(0),
});
export const runLogStreamEvents = { log: 'log', end: 'end' } as const;
