/**
 * Trigger strings (reference §4): parsing, normalisation, selectors and schedule arithmetic in one
 * place, shared by manifest generation and (later) the scheduler. A trigger is `type:expr`;
 * `schedule` expressions are 5-field cron (croner, evaluated in the job's IANA time zone).
 */
import { Cron } from 'croner';
import { jobRefProblem } from './job-ref';

export const TRIGGER_TYPES = [
  'schedule',
  'every',
  'once',
  'job.success',
  'job.fail',
  'tag',
  'manual',
  'pipeline_name',
  'http',
  'webhook',
  'deployment',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** Types a user may not declare: the CLI and server derive them from the job definition. */
export const SYNTHETIC_TRIGGER_TYPES: readonly TriggerType[] = ['manual', 'pipeline_name'];
/** Types that never become a job's default trigger. */
export const NON_DEFAULT_TRIGGER_TYPES: readonly TriggerType[] = ['manual', 'deployment', 'job.success', 'job.fail'];
export const MIN_EVERY_SECONDS = 60;

export type ParsedTrigger =
  | { type: 'schedule'; cron: string }
  | { type: 'every'; seconds: number; period: string }
  | { type: 'once'; at: Date }
  | { type: 'job.success' | 'job.fail'; upstream: string; isSelector: boolean }
  | { type: 'tag'; tag: string }
  | { type: 'manual'; jobRef: string | null }
  | { type: 'pipeline_name'; pipelineName: string }
  | { type: 'http'; port: number | null; path: string | null }
  | { type: 'webhook'; path: string }
  | { type: 'deployment' };

export class TriggerError extends Error {
  constructor(
    readonly trigger: string,
    problem: string,
  ) {
    super(`Invalid trigger "${trigger}": ${problem}`);
    this.name = 'TriggerError';
  }
}

const PERIOD = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `"5m"` → 300, `"90"` → 90, `"1.5h"` → 5400; null when not a period. */
export function parsePeriodSeconds(period: string | number): number | null {
  if (typeof period === 'number') return Number.isFinite(period) ? period : null;
  const match = PERIOD.exec(period.trim());
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]] : null;
}

function isType(text: string): text is TriggerType {
  return (TRIGGER_TYPES as readonly string[]).includes(text);
}

/** Splits `type:expr`; job-event types contain a dot, so the type is matched against the known list. */
function splitTrigger(trigger: string): { type: TriggerType; expr: string } | null {
  const colon = trigger.indexOf(':');
  if (colon < 0) return null;
  const type = trigger.slice(0, colon);
  return isType(type) ? { type, expr: trigger.slice(colon + 1) } : null;
}

export function cronProblem(cron: string, timezone?: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `cron expression "${cron}" must have 5 fields (minute hour day month weekday)`;
  try {
    new Cron(cron, { paused: true, timezone, legacyMode: true });
    return null;
  } catch (error) {
    return `cron expression "${cron}" is not valid (${(error as Error).message})`;
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Python's `datetime.isoformat()` of a UTC instant: `2026-05-01T10:00:00+00:00`. */
export function utcIsoformat(at: Date): string {
  const iso = at.toISOString();
  const millis = at.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${millis === 0 ? '' : `.${String(millis * 1000).padStart(6, '0')}`}+00:00`;
}

export function parseTrigger(trigger: string): ParsedTrigger {
  const split = splitTrigger(trigger);
  if (split === null)
    throw new TriggerError(trigger, `expected "<type>:<expression>" with a type among ${TRIGGER_TYPES.join(', ')}`);
  const { type, expr } = split;
  switch (type) {
    case 'schedule': {
      const problem = cronProblem(expr);
      if (problem) throw new TriggerError(trigger, problem);
      return { type, cron: expr.trim() };
    }
    case 'every': {
      const seconds = parsePeriodSeconds(expr);
      if (seconds === null) throw new TriggerError(trigger, 'the period must be a number of seconds or <n>s|m|h|d');
      if (seconds < MIN_EVERY_SECONDS)
        throw new TriggerError(trigger, `the period must be at least ${MIN_EVERY_SECONDS} seconds`);
      return { type, seconds, period: expr };
    }
    case 'once': {
      const at = new Date(expr);
      if (expr === '' || Number.isNaN(at.getTime())) throw new TriggerError(trigger, 'expected an ISO 8601 date-time');
      return { type, at };
    }
    case 'job.success':
    case 'job.fail': {
      if (expr.startsWith('jobs.')) {
        const problem = jobRefProblem(expr);
        if (problem) throw new TriggerError(trigger, problem);
        return { type, upstream: expr, isSelector: false };
      }
      // Newer dlt: a selector expression expands to one trigger per matching job.
      if (isSelector(expr)) return { type, upstream: expr, isSelector: true };
      throw new TriggerError(trigger, 'the upstream must be a job ref starting with "jobs."');
    }
    case 'tag':
      if (expr === '') throw new TriggerError(trigger, 'the tag is empty');
      return { type, tag: expr };
    case 'manual':
      return { type, jobRef: expr === '' ? null : expr };
    case 'pipeline_name':
      if (expr === '') throw new TriggerError(trigger, 'the pipeline name is empty');
      return { type, pipelineName: expr };
    case 'http': {
      const match = /^(\d+)?(\/(?!\/)[^\s]*)?$/.exec(expr);
      if (!match) throw new TriggerError(trigger, 'expected http:[port][/path], not a full URL');
      return { type, port: match[1] === undefined ? null : Number(match[1]), path: match[2] ?? null };
    }
    case 'webhook':
      return { type, path: expr };
    case 'deployment':
      return { type };
  }
}

function looksLikeCron(text: string): boolean {
  return text.trim().split(/\s+/).length === 5 && cronProblem(text) === null;
}

/** One user-written trigger → its canonical string (bare cron → `schedule:…`, bare `http` → `http:`). */
export function normalizeTrigger(input: string): string {
  const text = input.trim();
  if (text === 'deployment' || text === 'http' || text === 'webhook') return `${text}:`;
  if (splitTrigger(text) === null && looksLikeCron(text)) return `schedule:${text}`;
  const parsed = parseTrigger(text);
  if (parsed.type === 'once') return `once:${utcIsoformat(parsed.at)}`;
  if (parsed.type === 'schedule') return `schedule:${parsed.cron}`;
  return text;
}

export function triggerType(trigger: string): TriggerType | null {
  return splitTrigger(trigger)?.type ?? null;
}

/** dlt's rule: the first `schedule:`/`every:` trigger, else the first not of a non-default type. */
export function defaultTrigger(triggers: readonly string[]): string | undefined {
  const timed = triggers.find((trigger) => ['schedule', 'every'].includes(triggerType(trigger) ?? ''));
  if (timed !== undefined) return timed;
  return triggers.find((trigger) => {
    const type = triggerType(trigger);
    return type !== null && !NON_DEFAULT_TRIGGER_TYPES.includes(type);
  });
}

// ---- selectors (reference §4.1) -------------------------------------------------------------

const JOB_TYPE_KEYWORDS = ['batch', 'interactive', 'stream', 'job'] as const;

/** A string is a selector if it contains `:` or is a job-type keyword or a trigger type. */
export function isSelector(text: string): boolean {
  return text.includes(':') || (JOB_TYPE_KEYWORDS as readonly string[]).includes(text) || isType(text);
}

/** Python `fnmatch.fnmatchcase` as a RegExp: `*`, `?`, `[seq]`, `[!seq]`. */
export function fnmatchRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) source += '\\[';
      else {
        let body = pattern.slice(index + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export interface SelectableJob {
  job_ref: string;
  job_type: 'batch' | 'interactive' | 'stream';
  /** Declared triggers plus the synthetic ones (see `expandedTriggers`). */
  triggers: readonly string[];
}

/** The triggers a selector is matched against: declared + `manual:<ref>`, `tag:<t>`, `pipeline_name:<p>`. */
export function expandedTriggers(job: {
  job_ref: string;
  triggers: readonly string[];
  expose?: { manual?: boolean; tags?: readonly string[] };
  deliver?: { pipeline_name?: string };
}): string[] {
  const expanded = [...job.triggers];
  if (job.expose?.manual !== false) expanded.push(`manual:${job.job_ref}`);
  for (const tag of job.expose?.tags ?? []) expanded.push(`tag:${tag}`);
  if (job.deliver?.pipeline_name) expanded.push(`pipeline_name:${job.deliver.pipeline_name}`);
  return expanded;
}

/** Triggers of `job` matched by `selector`. */
export function matchSelector(selector: string, job: SelectableJob): string[] {
  if ((JOB_TYPE_KEYWORDS as readonly string[]).includes(selector)) {
    const type = selector === 'job' ? 'batch' : selector;
    return job.job_type === type ? [...job.triggers] : [];
  }
  let pattern = selector;
  if (isType(pattern)) pattern = `${pattern}:*`;
  else if (pattern.endsWith(':')) pattern = `${pattern}*`;
  const regexp = fnmatchRegExp(pattern);
  return job.triggers.filter((trigger) => regexp.test(trigger));
}

// ---- schedules -------------------------------------------------------------------------------

/** Next fire time of a `schedule:`/`every:`/`once:` trigger strictly after `after`, or null. */
export function nextFireTime(
  trigger: string,
  after: Date,
  options: { timezone?: string; anchor?: Date } = {},
): Date | null {
  const parsed = parseTrigger(trigger);
  if (parsed.type === 'schedule')
    return new Cron(parsed.cron, { paused: true, timezone: options.timezone ?? 'UTC', legacyMode: true }).nextRun(
      after,
    );
  if (parsed.type === 'every') {
    const anchor = (options.anchor ?? after).getTime();
    const period = parsed.seconds * 1000;
    const elapsed = Math.max(0, after.getTime() - anchor);
    return new Date(anchor + (Math.floor(elapsed / period) + 1) * period);
  }
  if (parsed.type === 'once') return parsed.at.getTime() > after.getTime() ? parsed.at : null;
  return null;
}

/** The CLI's short description of a trigger. */
export function humanizeTrigger(trigger: string): string {
  const parsed = parseTrigger(trigger);
  switch (parsed.type) {
    case 'schedule':
      return `schedule: ${parsed.cron}`;
    case 'every':
      return `every ${parsed.period}`;
    case 'once':
      return `once at ${utcIsoformat(parsed.at)}`;
    case 'job.success':
      return `after ${parsed.upstream} succeeds`;
    case 'job.fail':
      return `after ${parsed.upstream} fails`;
    case 'tag':
      return `tag ${parsed.tag}`;
    case 'manual':
      return `manual (${parsed.jobRef ?? 'any'})`;
    case 'pipeline_name':
      return `pipeline: ${parsed.pipelineName}`;
    case 'http':
      return 'interactive service';
    case 'webhook':
      return `webhook ${parsed.path}`;
    case 'deployment':
      return 'on deployment';
  }
}
