/**
 * Manifest validation (reference §3). Errors: bad job refs or triggers, declared synthetic
 * triggers, `http:` on a batch job, more than one schedule/every, interval without one, job
 * events to itself or to a job outside the manifest, duplicate refs, freshness on unknown or
 * interactive jobs, a local-only `require.profile`, a non-object `require.instance`, a
 * malformed dashboard job. Warnings: interactive without `http:`, interval start off the cron
 * tick, shared entry points, `incremental_mode="interval"` without an interval.
 */
import { isDlthubError, isMachineOnlyProfile } from '@dlthub/config-core';
import { jobRefProblem } from '../triggers/job-ref';
import { cronNext, isValidTimezone, parseTrigger, triggerType } from '@dlthub/scheduler';
import type { BuildContext } from './decorated-jobs';
import { DASHBOARD_JOB_REF, type DeploymentManifest, type JobDefinition, type ManifestProblem } from './types';

/** Where a job was declared, for messages. */
function locate(context: BuildContext, job: JobDefinition): { file?: string; line?: number } {
  const decorated = context.jobsByQual.get(`${job.entry_point.module}.${job.entry_point.function}`);
  if (decorated) return { file: decorated.module.file, line: decorated.line };
  const module = context.reading.modules[job.entry_point.module];
  return module ? { file: module.file } : {};
}

export function validateManifest(manifest: DeploymentManifest, context: BuildContext): void {
  const refs = new Map<string, JobDefinition>();
  const entryPoints = new Map<string, string>();
  for (const job of manifest.jobs) {
    const where = locate(context, job);
    const error = (message: string) => context.errors.push({ ...where, message: `${job.job_ref}: ${message}` });
    const warn = (message: string) => context.warnings.push({ ...where, message: `${job.job_ref}: ${message}` });

    const refProblem = jobRefProblem(job.job_ref);
    if (refProblem) error(refProblem);
    if (refs.has(job.job_ref)) error('duplicate job ref: two jobs have the same section and name');
    refs.set(job.job_ref, job);

    const entryKey = `${job.entry_point.module}:${job.entry_point.function ?? ''}`;
    if (entryPoints.has(entryKey)) warn(`shares its entry point with ${entryPoints.get(entryKey)}`);
    else entryPoints.set(entryKey, job.job_ref);

    let timed = 0;
    let hasHttp = false;
    for (const trigger of job.triggers) {
      let parsed: ReturnType<typeof parseTrigger>;
      try {
        parsed = parseTrigger(trigger);
      } catch (problem) {
        if (isDlthubError(problem)) error(problem.message);
        else throw problem;
        continue;
      }
      const type = parsed.type;
      // Decorator triggers were normalized already (which refuses these); this guards hand-made definitions.
      if (type === 'manual' || type === 'pipeline_name')
        error(`"${trigger}": ${type}: triggers are derived, not declared`);
      if ((type === 'job.success' || type === 'job.fail') && jobRefProblem(parsed.jobRef))
        error(`"${trigger}": ${jobRefProblem(parsed.jobRef)}`);
      if (type === 'schedule' || type === 'every') timed++;
      if (type === 'http') hasHttp = true;
    }
    if (timed > 1) error('has more than one schedule:/every: trigger');
    if (hasHttp && job.entry_point.job_type === 'batch') error('a batch job cannot have an http: trigger');
    if (!hasHttp && job.entry_point.job_type === 'interactive') warn('interactive job without an http: trigger');
    if (job.interval && timed === 0) error('interval needs a schedule: or every: trigger');
    if (job.incremental_mode === 'interval' && !job.interval) warn('incremental_mode="interval" without an interval');

    const timezone = job.require?.['timezone'];
    if (timezone !== undefined && (typeof timezone !== 'string' || !isValidTimezone(timezone)))
      error(`require.timezone ${JSON.stringify(timezone)} is not an IANA time zone`);
    const schedule = job.triggers.find((trigger) => triggerType(trigger) === 'schedule');
    const start = job.interval?.['start'];
    if (schedule && typeof start === 'string' && !Number.isNaN(new Date(start).getTime())) {
      const at = new Date(start);
      const tick = cronNext(
        schedule.slice('schedule:'.length),
        typeof timezone === 'string' ? timezone : 'UTC',
        new Date(at.getTime() - 1),
      );
      if (tick && tick.getTime() !== at.getTime())
        warn(`interval start ${start} is not on a tick of "${schedule}"; it is snapped back`);
    }

    const profile = job.require?.['profile'];
    if (typeof profile === 'string' && isMachineOnlyProfile(profile))
      error(`require.profile "${profile}" is a local-only profile; use a synced profile such as prod or access`);
    const instance = job.require?.['instance'];
    if (instance !== undefined && (typeof instance !== 'object' || instance === null || Array.isArray(instance)))
      error('require.instance must be an object such as {"size": "small"}');
    if (job.job_ref === DASHBOARD_JOB_REF) {
      const expose = job.expose ?? {};
      if (
        job.entry_point.job_type !== 'interactive' ||
        expose['interface'] !== 'gui' ||
        expose['category'] !== 'dashboard'
      )
        error('the dashboard job must be interactive with interface "gui" and category "dashboard"');
    }
  }

  // References need the whole set: the manifest must be self-contained.
  for (const job of manifest.jobs) {
    const where = locate(context, job);
    const problems: ManifestProblem[] = [];
    for (const trigger of job.triggers) {
      const type = triggerType(trigger);
      if (type !== 'job.success' && type !== 'job.fail') continue;
      const upstream = trigger.slice(type.length + 1);
      if (upstream === job.job_ref)
        problems.push({ ...where, message: `${job.job_ref}: "${trigger}" triggers the job on itself` });
      else if (upstream.startsWith('jobs.') && !refs.has(upstream))
        problems.push({
          ...where,
          message: `${job.job_ref}: "${trigger}" refers to ${upstream}, which is not in this manifest (add it to __all__)`,
        });
    }
    for (const constraint of job.freshness ?? []) {
      const upstream = constraint.startsWith('job.is_fresh:') ? constraint.slice('job.is_fresh:'.length) : null;
      const target = upstream === null ? undefined : refs.get(upstream);
      if (upstream === null || jobRefProblem(upstream))
        problems.push({
          ...where,
          message: `${job.job_ref}: freshness "${constraint}" must be job.is_fresh:<job ref>`,
        });
      else if (!target)
        problems.push({ ...where, message: `${job.job_ref}: freshness on ${upstream}, which is not in this manifest` });
      else if (target.entry_point.job_type === 'interactive')
        problems.push({ ...where, message: `${job.job_ref}: freshness on interactive job ${upstream}` });
    }
    context.errors.push(...problems);
  }
}
