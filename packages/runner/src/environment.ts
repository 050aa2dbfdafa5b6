/**
 * The environment and the launcher arguments of a run (reference deployments.md §4.3, §6). The runner sets
 * the variables itself, so they hold whichever launcher runs the job (dlt's own or python/launcher.py):
 *
 * - `WORKSPACE__PROFILE`: the chosen profile; dlt layers `<profile>.*.toml` over `*.toml` in `.dlt/`.
 * - `JOBS__<SECTION>__<NAME>__<KEY>` (functions) or `JOBS__<MODULE>__<KEY>` (module jobs): the run's config
 *   values, which beat the TOML files as every dlt environment variable does.
 * - `DLT_INTERVAL_START`, `DLT_INTERVAL_END`, `DLT_INTERVAL_TIMEZONE`: the run's data window.
 * - Run context: `RUNTIME__RUN_ID` (dlt's `[runtime] run_id`), `DLTHUB_RUN_ID`, `DLTHUB_JOB_REF`,
 *   `DLTHUB_TRIGGER`; interactive runs also `PORT` (the loopback port to serve on).
 * - `PYTHONUNBUFFERED=1`, so lines arrive as they are printed.
 */
import type { JobDefinition } from '@dlthub/deployment';

export interface RunContextInput {
  runId: string;
  trigger: string;
  profile: string;
  config?: Record<string, unknown>;
  interval?: { start: string; end: string; timezone?: string };
  refresh?: boolean;
  /** Interactive runs: where to serve. */
  runArgs?: { port: number; base_path: string };
}

/** The `[jobs…]` sections a job reads its config from (dlt's `set_config_env_vars`). */
export function configSections(job: Pick<JobDefinition, 'job_ref' | 'entry_point'>): string[] {
  const parts = job.job_ref.split('.').slice(1);
  if (job.entry_point.function === null) return ['jobs', job.entry_point.module.split('.').at(-1)!];
  return ['jobs', ...parts];
}

function envValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `{a: {b: 1}}` under `jobs.etl.load` → `JOBS__ETL__LOAD__A__B=1`. */
export function configEnv(sections: readonly string[], config: Record<string, unknown>): Record<string, string> {
  const env: Record<string, string> = {};
  const visit = (path: string[], value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit([...path, key], inner);
      return;
    }
    env[path.map((part) => part.toUpperCase()).join('__')] = envValue(value);
  };
  for (const [key, value] of Object.entries(config)) visit([...sections, key], value);
  return env;
}

export function runEnvironment(job: JobDefinition, input: RunContextInput): Record<string, string> {
  const env: Record<string, string> = {
    PYTHONUNBUFFERED: '1',
    WORKSPACE__PROFILE: input.profile,
    RUNTIME__RUN_ID: input.runId,
    DLTHUB_RUN_ID: input.runId,
    DLTHUB_JOB_REF: job.job_ref,
    DLTHUB_TRIGGER: input.trigger,
    ...configEnv(configSections(job), input.config ?? {}),
  };
  if (input.interval) {
    env['DLT_INTERVAL_START'] = input.interval.start;
    env['DLT_INTERVAL_END'] = input.interval.end;
    env['DLT_INTERVAL_TIMEZONE'] = input.interval.timezone ?? 'UTC';
  }
  if (input.runArgs) env['PORT'] = String(input.runArgs.port);
  return env;
}

/** dlt's runtime entry point (`--entry-point` JSON): the job's entry point plus what this run needs. */
export function runtimeEntryPoint(job: JobDefinition, input: RunContextInput): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...job.entry_point, job_ref: job.job_ref, profile: input.profile };
  if (input.runArgs) entry['run_args'] = input.runArgs;
  if (input.interval) {
    entry['interval_start'] = input.interval.start;
    entry['interval_end'] = input.interval.end;
    entry['interval_timezone'] = input.interval.timezone ?? 'UTC';
  }
  if (job.incremental_mode) entry['incremental_mode'] = job.incremental_mode;
  if (input.config && Object.keys(input.config).length > 0) entry['config'] = input.config;
  entry['refresh'] = input.refresh ?? false;
  if (job.auto_refresh_pipeline_mode !== undefined)
    entry['auto_refresh_pipeline_mode'] = job.auto_refresh_pipeline_mode;
  const intercept = job.execute['intercept_signals'];
  entry['intercept_signals'] = intercept === undefined ? true : intercept;
  return entry;
}

/** Seconds of `execute.timeout` (`{timeout, grace_period}` or a number), or null when none is declared. */
export function declaredTimeout(job: JobDefinition): { timeout: number | null; gracePeriod: number | null } {
  const value = job.execute['timeout'];
  if (typeof value === 'number') return { timeout: value, gracePeriod: null };
  if (value !== null && typeof value === 'object') {
    const { timeout, grace_period: grace } = value as { timeout?: unknown; grace_period?: unknown };
    return {
      timeout: typeof timeout === 'number' ? timeout : null,
      gracePeriod: typeof grace === 'number' ? grace : null,
    };
  }
  return { timeout: null, gracePeriod: null };
}
