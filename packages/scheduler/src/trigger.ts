/**
 * Trigger strings (reference deployments.md §4): parsing a normalized `type:expr` string into a typed value, and
 * normalizing user input (decorator arguments, manifest entries) into canonical strings. The one home of these
 * rules: the manifest reader, the CLI's selectors and the scheduler all parse through here.
 */
import { cronError, isCronExpression } from './cron';
import { MIN_EVERY_SECONDS, parsePeriodSeconds } from './duration';
import { invalidTrigger } from './errors';

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

export type ParsedTrigger =
  | { type: 'schedule'; raw: string; cron: string }
  | { type: 'every'; raw: string; seconds: number }
  | { type: 'once'; raw: string; at: Date }
  | { type: 'job.success' | 'job.fail'; raw: string; jobRef: string }
  | { type: 'tag'; raw: string; tag: string }
  | { type: 'manual'; raw: string; jobRef?: string }
  | { type: 'pipeline_name'; raw: string; pipelineName: string }
  | { type: 'http'; raw: string; port?: number; path: string }
  | { type: 'webhook'; raw: string; path?: string }
  | { type: 'deployment'; raw: string };

/** Trigger types that fire on the clock. */
export type TimedTrigger = Extract<ParsedTrigger, { type: 'schedule' | 'every' | 'once' }>;

export function isTimedTrigger(trigger: ParsedTrigger): trigger is TimedTrigger {
  return trigger.type === 'schedule' || trigger.type === 'every' || trigger.type === 'once';
}

function isTriggerType(value: string): value is TriggerType {
  return (TRIGGER_TYPES as readonly string[]).includes(value);
}

/** `2026-05-01T10:00:00+00:00`: Python's `isoformat()` of a UTC datetime, the form dlt writes. */
export function formatUtcIso(date: Date): string {
  return date
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/Z$/, '+00:00');
}

const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 (naive means UTC, as dlt reads it) or unix seconds; undefined when neither. */
export function parseTimestamp(text: string): Date | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : hasZone.test(value) ? value : `${value}Z`;
  const date = new Date(iso.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A follow-up expression that selects jobs (`tag:ingest`, `batch`, `schedule:*`) rather than naming one. */
export function isSelectorExpression(expr: string): boolean {
  if (expr.startsWith('jobs.')) return false;
  return expr.includes(':') || ['batch', 'interactive', 'stream', 'job'].includes(expr) || isTriggerType(expr);
}

function requireJobRef(type: 'job.success' | 'job.fail', expr: string): ParsedTrigger {
  if (!expr) throw invalidTrigger(`${type}:`, 'requires a job_ref');
  if (!expr.startsWith('jobs.')) throw invalidTrigger(`${type}:${expr}`, "expression must start with 'jobs.'");
  return { type, raw: `${type}:${expr}`, jobRef: expr };
}

function parseHttp(expr: string): ParsedTrigger {
  const raw = `http:${expr}`;
  if (!expr) return { type: 'http', raw, path: '' };
  if (expr.startsWith('//') || expr.startsWith('http')) {
    throw invalidTrigger(raw, 'should be http:[port][/path], not a full URL');
  }
  const match = /^(\d+)?(\/.*)?$/.exec(expr);
  if (!match) throw invalidTrigger(raw, 'expression must be [port][/path]');
  const port = match[1] === undefined ? undefined : Number(match[1]);
  if (port !== undefined && (port < 1 || port > 65535)) throw invalidTrigger(raw, `port must be 1-65535, got ${port}`);
  return { type: 'http', raw, port, path: match[2] ?? '' };
}

const parsers: { [type in TriggerType]: (expr: string) => ParsedTrigger } = {
  schedule(expr) {
    if (!expr) throw invalidTrigger('schedule:', 'requires a cron expression');
    const problem = cronError(expr);
    if (problem) throw invalidTrigger(`schedule:${expr}`, `invalid cron expression (${problem})`);
    return { type: 'schedule', raw: `schedule:${expr}`, cron: expr };
  },
  every(expr) {
    const raw = `every:${expr}`;
    if (!expr) throw invalidTrigger(raw, "requires a period (e.g. '5m', '1h')");
    const seconds = parsePeriodSeconds(expr);
    if (seconds === undefined) throw invalidTrigger(raw, "period must be like '5m', '1h', '1d'");
    if (seconds <= 0) throw invalidTrigger(raw, 'period must be positive');
    if (seconds < MIN_EVERY_SECONDS) throw invalidTrigger(raw, 'minimum period is 1 minute');
    return { type: 'every', raw, seconds };
  },
  once(expr) {
    const raw = `once:${expr}`;
    if (!expr) throw invalidTrigger(raw, 'requires a timestamp (ISO 8601)');
    const at = parseTimestamp(expr);
    if (!at) throw invalidTrigger(raw, 'requires an ISO 8601 timestamp or unix seconds');
    return { type: 'once', raw, at };
  },
  'job.success': (expr) => requireJobRef('job.success', expr),
  'job.fail': (expr) => requireJobRef('job.fail', expr),
  tag(expr) {
    if (!expr) throw invalidTrigger('tag:', 'requires a name');
    return { type: 'tag', raw: `tag:${expr}`, tag: expr };
  },
  manual: (expr) => ({ type: 'manual', raw: `manual:${expr}`, jobRef: expr || undefined }),
  pipeline_name(expr) {
    if (!expr) throw invalidTrigger('pipeline_name:', 'requires a pipeline name');
    return { type: 'pipeline_name', raw: `pipeline_name:${expr}`, pipelineName: expr };
  },
  http: parseHttp,
  webhook: (expr) => ({ type: 'webhook', raw: `webhook:${expr}`, path: expr || undefined }),
  deployment: (expr) => ({ type: 'deployment', raw: `deployment:${expr}` }),
};

/** Parses a normalized `type:expr` trigger string. */
export function parseTrigger(trigger: string): ParsedTrigger {
  const colon = trigger.indexOf(':');
  if (colon < 0) throw invalidTrigger(trigger, 'must be in type:expr form');
  const type = trigger.slice(0, colon);
  if (!isTriggerType(type)) throw invalidTrigger(trigger, `unknown type '${type}'`);
  return parsers[type](trigger.slice(colon + 1));
}

/** Input forms of one trigger: a string as written, or `every` seconds as a number. */
export type TriggerInput = string | number;

// Array.isArray narrows a readonly array to any[]; this keeps the element type.
function isTriggerList(input: TriggerInput | readonly TriggerInput[]): input is readonly TriggerInput[] {
  return Array.isArray(input);
}

/**
 * Canonical trigger strings for one user-written trigger. `job.completed:<ref>` stands for both follow-ups (dlt's
 * `upstream.completed`), so it yields two strings. `manual:`/`pipeline_name:` are derived, never declared.
 */
export function normalizeTrigger(input: TriggerInput): string[] {
  if (typeof input === 'number') return [parsers.every(String(input)).raw];
  const text = input.trim();
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const type = text.slice(0, colon);
    const expr = text.slice(colon + 1);
    if ((type === 'job.success' || type === 'job.fail' || type === 'job.completed') && isSelectorExpression(expr)) {
      // dlt ≥1.29: a selector instead of a job_ref; `expandJobEventSelectors` turns it into refs before storage.
      return type === 'job.completed' ? [`job.success:${expr}`, `job.fail:${expr}`] : [`${type}:${expr}`];
    }
    if (type === 'job.completed') return [requireJobRef('job.success', expr).raw, requireJobRef('job.fail', expr).raw];
    if (type === 'manual') throw invalidTrigger(text, 'manual triggers are derived', 'Use expose.manual instead.');
    if (type === 'pipeline_name') throw invalidTrigger(text, 'pipeline_name triggers are derived from deliver');
    if (type === 'once') return [`once:${formatUtcIso((parsers.once(expr) as { at: Date }).at)}`];
    if (isTriggerType(type)) return [parsers[type](expr).raw];
    throw invalidTrigger(text, `unknown type '${type}'`);
  }
  if (text === 'deployment' || text === 'http' || text === 'webhook') return [`${text}:`];
  if (isTriggerType(text) || text === 'job.completed') throw invalidTrigger(text, 'requires an expression');
  if (text.split(/\s+/).length === 5 && isCronExpression(text)) return [`schedule:${text}`];
  throw invalidTrigger(text, 'cannot normalize', "Write 'type:expr', e.g. 'every:5m', or a 5-field cron.");
}

/** Canonical, de-duplicated trigger strings for a job's `trigger` argument (one value or a list). */
export function normalizeTriggers(input: TriggerInput | readonly TriggerInput[] | undefined | null): string[] {
  if (input === undefined || input === null) return [];
  const items: readonly TriggerInput[] = isTriggerList(input) ? input : [input];
  return [...new Set(items.flatMap((item) => normalizeTrigger(item)))];
}

/** The type of a `type:expr` trigger string, or undefined when it has none this package knows. */
export function triggerType(trigger: string): TriggerType | undefined {
  const colon = trigger.indexOf(':');
  const type = colon < 0 ? '' : trigger.slice(0, colon);
  return isTriggerType(type) ? type : undefined;
}

/** The CLI's short description of a trigger ("every 5m", "after jobs.a.b succeeds", "interactive service"). */
export function humanizeTrigger(trigger: string): string {
  const parsed = parseTrigger(trigger);
  switch (parsed.type) {
    case 'schedule':
      return `schedule: ${parsed.cron}`;
    case 'every':
      return `every ${parsed.raw.slice('every:'.length)}`;
    case 'once':
      return `once at ${formatUtcIso(parsed.at)}`;
    case 'job.success':
      return `after ${parsed.jobRef} succeeds`;
    case 'job.fail':
      return `after ${parsed.jobRef} fails`;
    case 'tag':
      return `tag ${parsed.tag}`;
    case 'manual':
      return `manual (${parsed.jobRef ?? 'any'})`;
    case 'pipeline_name':
      return `pipeline: ${parsed.pipelineName}`;
    case 'http':
      return 'interactive service';
    case 'webhook':
      return `webhook ${parsed.path ?? ''}`.trim();
    case 'deployment':
      return 'on deployment';
  }
}
