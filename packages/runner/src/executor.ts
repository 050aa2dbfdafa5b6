/**
 * The executor port: what runs one run of one job somewhere. The control plane and `dlthub local run`
 * talk only to this interface; `LocalProcessExecutor` (a Python process on this machine) is the embedded
 * default, and a container or Kubernetes Jobs executor implements the same three members (see README).
 */
import type { JobDefinition } from '@dlthub/deployment';

/** Reference deployments.md §5: pending → starting → running → completed | failed | cancelled. */
export type RunStatus = 'pending' | 'starting' | 'running' | 'completed' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Where the run's files come from. */
export type RunSource =
  /** Run in place in a workspace directory (`dlthub local run`: the local profile's state stays there). */
  | { kind: 'workspace'; dir: string }
  /**
   * A deployment's code package and a configuration package (tarballs as uploaded): extracted into a fresh
   * run directory, the configuration's TOML files as its `.dlt/`.
   */
  | {
      kind: 'packages';
      code: Buffer;
      configuration?: Buffer | null;
      /**
       * The configuration as file names in `.dlt/` and their text (a control plane that keeps configurations
       * as TOML texts rather than tarballs); written after `configuration`'s files.
       */
      configurationFiles?: Readonly<Record<string, string>>;
    };

export interface LogLine {
  /** 1-based, across both streams, in arrival order. */
  line_num: number;
  /** `program`: the job's own output; `runner`: what the runner says about the run (timeouts, cancel). */
  phase: 'program' | 'runner';
  stream: 'stdout' | 'stderr';
  content: string;
  /** UTC ISO timestamp of the line's arrival. */
  reported_at: string;
}

export interface RunRecord {
  run_id: string;
  job_ref: string;
  job_type: 'batch' | 'interactive' | 'stream';
  status: RunStatus;
  /** The full trigger string that fired the run (e.g. `manual:jobs.etl.load`). */
  trigger: string;
  profile: string;
  /** Directory the process ran in. */
  run_dir: string | null;
  /** Argv the process was started with (the interpreter first); null before it starts. */
  command: string[] | null;
  pid: number | null;
  exit_code: number | null;
  signal: string | null;
  /** Why the run failed or was stopped, in words; null for a plain success. */
  reason: string | null;
  /** Interactive runs: the URL to open and the loopback port behind it. */
  url: string | null;
  port: number | null;
  interval_start: string | null;
  interval_end: string | null;
  time_created: string;
  time_started: string | null;
  time_ended: string | null;
  /** Seconds from start to end. */
  duration: number | null;
}

export interface RunObserver {
  onStatus?(record: RunRecord): void;
  onLog?(line: LogLine, record: RunRecord): void;
}

export interface RunRequest {
  /** Defaults to a random UUID. */
  runId?: string;
  job: JobDefinition;
  /** Trigger string; defaults to `manual:<job_ref>`. */
  trigger?: string;
  source: RunSource;
  /**
   * Profile override: a run request's `profile`, or for local runs the active local profile. Otherwise the
   * profile follows the job (`require.profile`, else batch → prod, interactive → access, falling back to prod).
   */
  profile?: string;
  /** `[jobs.<section>.<name>]` values passed as `JOBS__…` environment variables (`-c key=value`). */
  config?: Record<string, unknown>;
  /** The run's data window (UTC ISO) and the job's time zone. */
  interval?: { start: string; end: string; timezone?: string };
  refresh?: boolean;
  /** Extra environment (workspace and profile variables); beats TOML, loses to what the runner sets. */
  env?: Record<string, string>;
  /** Interpreter; see `resolvePython` for the order. */
  python?: string;
  /** Batch: wall-clock limit in seconds; interactive: idle limit. Defaults to the job's `execute.timeout`. */
  timeoutSeconds?: number | null;
  /** Seconds between SIGTERM and SIGKILL. Defaults to the job's `execute.timeout.grace_period`, else 30. */
  gracePeriodSeconds?: number;
  observer?: RunObserver;
}

export interface RunHandle {
  readonly runId: string;
  /** A snapshot of the run as it is now. */
  record(): RunRecord;
  /** Every log line so far. */
  logs(): readonly LogLine[];
  /** Resolves when the run is `running` (interactive: serving), or terminal, whichever comes first. */
  readonly started: Promise<RunRecord>;
  /** Resolves with the terminal record; never rejects (a failure is a `failed` record with a reason). */
  readonly finished: Promise<RunRecord>;
  /** Stops the run (SIGTERM to its process group, SIGKILL after the grace period); a terminal run is left as is. */
  cancel(reason?: string): Promise<RunRecord>;
}

export interface Executor {
  /** Starts a run; the handle comes back at once with the run `pending`. */
  start(request: RunRequest): RunHandle;
  /** Cancels every active run (shutdown). */
  close(): Promise<void>;
}
