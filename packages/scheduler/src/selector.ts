/**
 * Selectors (reference deployments.md §4.1): how `run`, `serve`, `job trigger`, `job pause|resume` and the scheduler's
 * tag broadcast pick jobs and the trigger to fire. One function, shared by all of them.
 */
import { DlthubError } from '@dlthub/config-core';
import { fnmatch } from './fnmatch';
import { defaultTrigger, effectiveTriggers, jobType, manualFireTrigger, type JobDefinition, type JobType } from './job';
import { TRIGGER_TYPES } from './trigger';

const jobTypeKeywords = new Set(['batch', 'interactive', 'stream', 'job']);
const triggerTypeKeywords = new Set<string>(TRIGGER_TYPES);

/** A string is a selector when it has a `:` or is a job-type or trigger-type keyword; otherwise it names a job. */
export function isSelector(value: string): boolean {
  return value.includes(':') || jobTypeKeywords.has(value) || triggerTypeKeywords.has(value);
}

/** Bare trigger type `T` → `T:*`; trailing `:` → `…:*`. */
function expandSelector(selector: string): string {
  if (triggerTypeKeywords.has(selector)) return `${selector}:*`;
  if (selector.endsWith(':')) return `${selector}*`;
  return selector;
}

/**
 * The triggers among `triggers` that any selector matches, in selector order without repeats. A job-type keyword
 * (`batch`, `interactive`, `stream`; `job` = batch) matches every trigger of a job of that type.
 */
export function matchTriggers(type: JobType, triggers: readonly string[], selectors: readonly string[]): string[] {
  const matched: string[] = [];
  for (const selector of selectors) {
    if (jobTypeKeywords.has(selector)) {
      if (selector === type || (selector === 'job' && type === 'batch')) return [...triggers];
      continue;
    }
    const pattern = expandSelector(selector);
    for (const trigger of triggers) if (!matched.includes(trigger) && fnmatch(trigger, pattern)) matched.push(trigger);
  }
  return matched;
}

/** Picks the trigger to fire: the default trigger when it matched, else the first match. */
export function pickTrigger(matched: readonly string[], preferred?: string): string | undefined {
  if (preferred !== undefined && matched.includes(preferred)) return preferred;
  return matched[0];
}

export interface SelectedJob<J> {
  job: J;
  /** The trigger to fire, i.e. the run context's `trigger`. */
  trigger: string;
  /** Every trigger of the job the selectors matched. */
  matched: string[];
}

/**
 * Jobs whose effective (stored + derived) triggers match the selectors, each with the trigger to fire, in input
 * order. `definitionOf` lets callers pass their own job records (a stored job, a manifest entry).
 */
export function selectJobs<J>(
  jobs: readonly J[],
  selectors: readonly string[],
  definitionOf: (job: J) => JobDefinition,
): SelectedJob<J>[] {
  const selected: SelectedJob<J>[] = [];
  for (const job of jobs) {
    const definition = definitionOf(job);
    const matched = matchTriggers(jobType(definition), effectiveTriggers(definition), selectors);
    const trigger = pickTrigger(matched, definition.default_trigger ?? defaultTrigger(definition.triggers ?? []));
    if (trigger !== undefined) selected.push({ job, trigger, matched });
  }
  return selected;
}

/**
 * Resolves a user-typed job name to a known job_ref (reference §2.1): `jobs.…` as is, `a.b` → `jobs.a.b`, a bare
 * name → the unique ref whose last part it is. Throws when none or several match.
 */
export function resolveJobRef(input: string, knownRefs: readonly string[]): string {
  const candidates = input.startsWith('jobs.')
    ? knownRefs.filter((ref) => ref === input)
    : input.includes('.')
      ? knownRefs.filter((ref) => ref === `jobs.${input}`)
      : knownRefs.filter((ref) => ref.split('.').at(-1) === input);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new DlthubError('NotFound', `Job '${input}' not found`, { hint: 'List jobs with `dlthub job list`.' });
  }
  throw new DlthubError('Usage', `Job name '${input}' is ambiguous: ${candidates.join(', ')}`, {
    hint: 'Use the full job_ref.',
  });
}

/** Jobs named or selected by `inputs` (selectors and job names mixed, as `job pause|resume|trigger` take them). */
export function resolveJobs<J>(
  jobs: readonly J[],
  inputs: readonly string[],
  definitionOf: (job: J) => JobDefinition,
): SelectedJob<J>[] {
  const refs = jobs.map((job) => definitionOf(job).job_ref);
  const selectors = inputs.filter(isSelector);
  const named = new Set(inputs.filter((input) => !isSelector(input)).map((input) => resolveJobRef(input, refs)));
  const bySelector = selectors.length > 0 ? selectJobs(jobs, selectors, definitionOf) : [];
  const result = [...bySelector];
  for (const job of jobs) {
    const definition = definitionOf(job);
    if (!named.has(definition.job_ref) || result.some((entry) => entry.job === job)) continue;
    const trigger = manualFireTrigger(definition);
    result.push({ job, trigger, matched: [trigger] });
  }
  return result;
}
