/**
 * Which job `run`/`serve` (and their `local` forms) launch (reference deployments.md §1 "dlthub run",
 * step 2–3): a positional ending in `.py` is an ad-hoc file; a job name resolves to `manual:<ref>`; anything
 * else is a selector; nothing means `manual:` (every job that allows manual runs). Exactly one job must
 * remain: `--job-ref` narrows several. `run` refuses interactive jobs and `serve` batch ones, naming the
 * sibling command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';
import type { JobDefinition } from '@dlthub/deployment';
import { isSelector, resolveJobRef, selectJobs, type JobDefinition as SchedulerJob } from '@dlthub/scheduler';

export type LaunchMode = 'run' | 'serve';

/** Splits the positional: `hello.py` is promoted to `--file` (a job ref can't end in `.py`). */
export function launchTarget(
  positional: string | undefined,
  fileOption: string | undefined,
  cwd: string,
): { file?: string; selector?: string } {
  if (positional?.endsWith('.py')) {
    if (fileOption)
      throw new DlthubError('Usage', `Both a file (${positional}) and --file ${fileOption} were given.`, {
        hint: 'Pass the Python file once, as the argument or with --file.',
      });
    fileOption = positional;
    positional = undefined;
  }
  if (fileOption && !fs.existsSync(path.resolve(cwd, fileOption)))
    throw new DlthubError('NotFound', `File not found: ${fileOption}`, {
      location: { file: fileOption },
      hint: 'Pass the path of a Python file of the workspace.',
    });
  return { file: fileOption, selector: positional };
}

export interface PickedJob {
  job: JobDefinition;
  /** The trigger the run reports: the matched one, with a `manual:` hit replaced by the job's default trigger. */
  trigger: string;
}

const definitionOf = (job: JobDefinition) => job as unknown as SchedulerJob;

export function pickJob(
  jobs: readonly JobDefinition[],
  options: { selector?: string; jobRef?: string; mode: LaunchMode },
): PickedJob {
  const refs = jobs.map((job) => job.job_ref);
  let selector = options.selector ?? 'manual:';
  if (options.selector && !isSelector(options.selector)) selector = `manual:${resolveJobRef(options.selector, refs)}`;
  let matched = selectJobs(jobs, [selector], definitionOf);
  if (matched.length === 0) {
    throw new DlthubError('NotFound', `No jobs matched ${selector}.`, {
      hint: `Jobs: ${refs.join(', ') || 'none'}. A job with expose={"manual": False} only runs on its triggers.`,
    });
  }
  const wrongType = options.mode === 'run' ? 'interactive' : 'batch';
  const allowed = matched.filter((entry) => entry.job.entry_point.job_type !== wrongType);
  if (allowed.length === 0) {
    const sibling = options.mode === 'run' ? 'serve' : 'run';
    throw new DlthubError(
      'Usage',
      `${matched.map((entry) => entry.job.job_ref).join(', ')} ${matched.length === 1 ? 'is' : 'are'} ${wrongType}: \`${options.mode}\` does not launch ${wrongType} jobs.`,
      { hint: `Use \`dlthub local ${sibling}\` (or \`dlthub ${sibling}\`).` },
    );
  }
  matched = allowed;
  if (options.jobRef) {
    const wanted = resolveJobRef(options.jobRef, refs);
    matched = matched.filter((entry) => entry.job.job_ref === wanted);
    if (matched.length === 0)
      throw new DlthubError('Usage', `--job-ref ${options.jobRef} is not among the jobs ${selector} matched.`, {
        hint: `Matched: ${allowed.map((entry) => entry.job.job_ref).join(', ')}.`,
      });
  }
  if (matched.length > 1)
    throw new DlthubError(
      'Usage',
      `${selector} matches ${matched.length} jobs: ${matched.map((e) => e.job.job_ref).join(', ')}.`,
      {
        hint: 'Pass --job-ref <ref> (or a job name) to pick one.',
      },
    );
  const [only] = matched;
  if (!only) throw new DlthubError('Usage', `${selector} matches no job.`);
  const { job, trigger } = only;
  return { job, trigger: trigger.startsWith('manual:') ? (job.default_trigger ?? trigger) : trigger };
}
