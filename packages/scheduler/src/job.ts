/**
 * The part of a manifest job definition (reference deployments.md §3, engine 2, snake_case as in the JSON) that
 * triggers and scheduling read, and the values derived from it at match time.
 */
import { parseTrigger, type ParsedTrigger } from './trigger';

export type JobType = 'batch' | 'interactive' | 'stream';
export type RefreshPropagation = 'auto' | 'always' | 'block';

export interface JobDefinition {
  job_ref: string;
  entry_point?: { job_type?: JobType; [key: string]: unknown };
  /** Normalized, stored triggers (never the derived `manual:`/`tag:`/`pipeline_name:` ones). */
  triggers?: readonly string[];
  default_trigger?: string;
  execute?: { concurrency?: number | null; timeout?: number; [key: string]: unknown };
  require?: { timezone?: string; [key: string]: unknown };
  expose?: { tags?: readonly string[]; manual?: boolean; [key: string]: unknown };
  deliver?: { pipeline_name?: string; [key: string]: unknown };
  interval?: { start: string; end?: string; mode?: 'sequential' | 'parallel' };
  /** `job.is_fresh:<job_ref>` constraints. */
  freshness?: readonly string[];
  refresh_propagation?: RefreshPropagation;
  /** dlt 1.26 name of `refresh_propagation`. */
  refresh?: RefreshPropagation;
}

export function jobType(job: JobDefinition): JobType {
  return job.entry_point?.job_type ?? 'batch';
}

export function jobTimezone(job: JobDefinition): string {
  return job.require?.timezone ?? 'UTC';
}

/** `execute.concurrency`: dlt defaults to 1; `null` means unlimited. */
export function jobConcurrency(job: JobDefinition): number | null {
  const concurrency = job.execute?.concurrency;
  return concurrency === undefined ? 1 : concurrency;
}

export function refreshPropagation(job: JobDefinition): RefreshPropagation {
  return job.refresh_propagation ?? job.refresh ?? 'auto';
}

/**
 * Stored triggers plus the derived ones (§3 "synthetic triggers are not stored"): `manual:<job_ref>` unless
 * `expose.manual` is false, `tag:<t>` per `expose.tags`, `pipeline_name:<p>` from `deliver`. Computed on every match.
 */
export function effectiveTriggers(job: JobDefinition): string[] {
  const triggers = [...(job.triggers ?? [])];
  const add = (trigger: string) => {
    if (!triggers.includes(trigger)) triggers.push(trigger);
  };
  if (job.expose?.manual !== false) add(`manual:${job.job_ref}`);
  for (const tag of job.expose?.tags ?? []) add(`tag:${tag}`);
  if (job.deliver?.pipeline_name) add(`pipeline_name:${job.deliver.pipeline_name}`);
  return triggers;
}

/**
 * dlt's `default_trigger` rule (§3 step 6): the first `schedule:`/`every:` trigger, else the first whose type is not
 * `manual`, `deployment`, `job.success` or `job.fail`; undefined when none.
 */
export function defaultTrigger(triggers: readonly string[]): string | undefined {
  const types = triggers.map((trigger) => [trigger, trigger.slice(0, trigger.indexOf(':'))] as const);
  return (
    types.find(([, type]) => type === 'schedule' || type === 'every')?.[0] ??
    types.find(([, type]) => !['manual', 'deployment', 'job.success', 'job.fail'].includes(type))?.[0]
  );
}

/** The trigger a plain "run this job" request fires: `default_trigger`, else `manual:<job_ref>`. */
export function manualFireTrigger(job: JobDefinition): string {
  return job.default_trigger ?? defaultTrigger(job.triggers ?? []) ?? `manual:${job.job_ref}`;
}

/** Parsed stored triggers; a definition that fails to parse is skipped by the scheduler, not fatal for the others. */
export function parsedTriggers(job: JobDefinition): ParsedTrigger[] {
  return (job.triggers ?? []).map((trigger) => parseTrigger(trigger));
}

/** Upstream job_refs of `job.is_fresh:<ref>` constraints. */
export function freshnessUpstreams(job: JobDefinition): string[] {
  return (job.freshness ?? [])
    .filter((constraint) => constraint.startsWith('job.is_fresh:'))
    .map((constraint) => constraint.slice('job.is_fresh:'.length));
}

/** Job refs are unique within a scope (a workspace): the key of the by-ref maps that gates look upstreams up in. */
export function refKey(scope: string | undefined, jobRef: string): string {
  return `${scope ?? ''}\u0000${jobRef}`;
}
