/**
 * Deployment manifest generation (reference §3) from a static reading of the sources:
 * (1) a deployment module that is itself a framework app is that one job; else (2) the names of
 * `__all__` (decorated jobs and modules); (3) ad-hoc: everything in the file, else the file as a
 * plain module; (4) the dashboard job for `__deployment__`; (5) job-event selectors expanded;
 * (6) `expose.manual` and `default_trigger`; (7) description and tags; (8) validation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';
import { LAUNCHERS } from '../requirements/launchers';
import {
  defaultTrigger,
  expandJobEventSelectors,
  formatUtcIso,
  type JobDefinition as SchedulerJobDefinition,
} from '@dlthub/scheduler';
import { decoratedJobDefinition, findDecoratedJobs, profilesInDecorators, type BuildContext } from './decorated-jobs';
import { detectFramework, moduleJobDefinition } from './module-jobs';
import { readWorkspaceModules, type ReadOptions, type SourceModule, type WorkspaceReading } from './reader';
import { validateManifest } from './validate';
import {
  DASHBOARD_JOB_REF,
  DEPLOYMENT_MODULE,
  formatProblem,
  MANIFEST_ENGINE_VERSION,
  type DeploymentManifest,
  type JobDefinition,
  type ManifestProblem,
} from './types';
import { UnknowableValue, plainValue } from './values';
import { manifestHash, jobDefinitionHash } from './hash';

export interface GenerateOptions extends ReadOptions {
  /** A file (relative to the root) instead of `__deployment__.py`. */
  file?: string;
  /** Ad-hoc run of one file (`dlthub run file.py`): no `__all__`, no dashboard, `deployment_module` null. */
  adHoc?: boolean;
  /** Clock for `created_at` (tests). */
  now?: Date;
}

export interface GeneratedManifest {
  manifest: DeploymentManifest;
  warnings: ManifestProblem[];
  /** base64 SHA3-256 of the manifest without its volatile fields. */
  hash: string;
  /** Per-job hashes (`job_definition_hash`), by job ref. */
  jobHashes: Record<string, string>;
}

export class ManifestError extends DlthubError {
  constructor(
    readonly problems: ManifestProblem[],
    readonly warnings: ManifestProblem[],
  ) {
    super(
      'InvalidConfigValue',
      `The deployment manifest has ${problems.length} error(s):\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
      {
        hint: 'Fix the job declarations above and run the command again.',
        location: problems[0]?.file ? { file: problems[0].file, line: problems[0].line } : undefined,
      },
    );
  }
}

const DASHBOARD_JOB: JobDefinition = {
  job_ref: DASHBOARD_JOB_REF,
  description: 'Workspace dashboard',
  entry_point: {
    module: 'dlt._workspace.helpers.dashboard.dlt_dashboard',
    function: null,
    job_type: 'interactive',
    launcher: LAUNCHERS.dashboard,
  },
  triggers: ['http:'],
  execute: { concurrency: 1 },
  expose: { interface: 'gui', category: 'dashboard' },
  require: { dependency_groups: [DASHBOARD_JOB_REF] },
};

/** What a public name of the deployment module is: a decorated job, a local module, or neither. */
function resolveName(
  context: BuildContext,
  moduleName: string,
  name: string,
  depth = 0,
): { job: string } | { module: string } | { missing: true } | { other: true } {
  const module = context.reading.modules[moduleName];
  if (!module || depth > 20) return { other: true };
  if (!(name in module.bindings)) return { missing: true };
  const binding = module.bindings[name];
  if (binding === null || binding === undefined) {
    return context.jobsByQual.has(`${moduleName}.${name}`) ? { job: `${moduleName}.${name}` } : { other: true };
  }
  const [boundModule] = binding;
  if (binding.length === 1 && boundModule !== undefined)
    return context.reading.modules[boundModule] ? { module: boundModule } : { other: true };
  const [source, imported] = binding as [string, string];
  const submodule = source ? `${source}.${imported}` : imported;
  if (context.reading.modules[submodule]) return { module: submodule };
  if (context.reading.modules[source]) return resolveName(context, source, imported, depth + 1);
  return { other: true };
}

function firstLine(text: string | null): string | undefined {
  return text
    ?.split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

/** Jobs of the entry module, in `__all__` (or public-name) order. */
function collectJobs(context: BuildContext, entry: string, module: SourceModule, adHoc: boolean): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  // One unknowable value spoils its job only: every job is still checked.
  const collect = (build: () => JobDefinition) => {
    try {
      jobs.push(build());
    } catch (error) {
      if (!(error instanceof UnknowableValue)) throw error;
      context.errors.push(error.problem);
    }
  };
  const addModule = (name: string) => {
    const module = context.reading.modules[name];
    if (module) collect(() => moduleJobDefinition(context, name, module));
  };
  const add = (resolved: ReturnType<typeof resolveName>, name: string, strict: boolean) => {
    if ('job' in resolved) collect(() => decoratedJobDefinition(context, context.jobsByQual.get(resolved.job)!));
    else if ('module' in resolved) addModule(resolved.module);
    else if (strict && 'missing' in resolved)
      context.errors.push({
        file: module.file,
        line: module.all?.line,
        message: `__all__ names "${name}", which the module does not define or import`,
      });
    else if (strict)
      context.warnings.push({
        file: module.file,
        line: module.all?.line,
        message: `"${name}" in __all__ is neither a job nor a local module; skipped`,
      });
  };

  if (!adHoc && module.all) {
    const names = plainValue(module.all.value, module.file, module.all.line, '__all__');
    if (!Array.isArray(names) || names.some((name) => typeof name !== 'string'))
      throw new UnknowableValue({
        file: module.file,
        line: module.all.line,
        message: '__all__ must be a list of strings',
      });
    for (const name of names as string[]) add(resolveName(context, entry, name), name, true);
    return jobs;
  }
  if (!adHoc)
    context.warnings.push({ file: module.file, message: `${module.file} has no __all__, scanning every public name` });
  const seen = new Set<string>();
  for (const name of Object.keys(module.bindings)) {
    if (name.startsWith('_')) continue;
    const resolved = resolveName(context, entry, name);
    const key = 'job' in resolved ? resolved.job : 'module' in resolved ? resolved.module : null;
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    add(resolved, name, false);
  }
  if (adHoc && jobs.length === 0) addModule(entry);
  return jobs;
}

/** Job-event selector triggers (`job.success:tag:ingest`) → one trigger per matching batch job, never itself. */
function expandSelectors(context: BuildContext, jobs: JobDefinition[]): JobDefinition[] {
  // The scheduler reads the trigger-related part of a definition; its type is looser than the manifest's.
  const expanded = expandJobEventSelectors(jobs as unknown as SchedulerJobDefinition[], (job, trigger) =>
    context.warnings.push({ message: `${job.job_ref}: trigger "${trigger}" matches no job of this manifest` }),
  );
  return expanded as unknown as JobDefinition[];
}

function finishJob(job: JobDefinition): JobDefinition {
  const expose = { ...(job.expose ?? {}) };
  if (expose.manual === undefined) expose.manual = true;
  job.expose = expose;
  const chosen = defaultTrigger(job.triggers);
  if (chosen !== undefined) job.default_trigger = chosen;
  return job;
}

/** Builds the manifest from an already made reading (exposed for tests and tools). */
export function buildManifest(
  reading: WorkspaceReading,
  options: { adHoc?: boolean; now?: Date } = {},
): GeneratedManifest {
  const adHoc = options.adHoc ?? false;
  const context: BuildContext = { reading, errors: [...reading.errors], warnings: [], jobsByQual: new Map() };
  const module = reading.modules[reading.entry];
  let jobs: JobDefinition[] = [];
  if (module) {
    try {
      findDecoratedJobs(context);
      // (1) A deployment module that is itself an app is that single job.
      jobs = detectFramework(module)
        ? [moduleJobDefinition(context, reading.entry, module)]
        : collectJobs(context, reading.entry, module, adHoc);
    } catch (error) {
      if (!(error instanceof UnknowableValue)) throw error;
      context.errors.push(error.problem);
    }
  }
  const isDeploymentModule = reading.entry.split('.').at(-1) === DEPLOYMENT_MODULE;
  if (!adHoc && isDeploymentModule && !jobs.some((job) => job.job_ref === DASHBOARD_JOB_REF))
    jobs.push(structuredClone(DASHBOARD_JOB));
  jobs = expandSelectors(context, jobs).map(finishJob);

  const manifest: DeploymentManifest = {
    engine_version: MANIFEST_ENGINE_VERSION,
    created_at: formatUtcIso(options.now ?? new Date()),
    deployment_module: adHoc ? null : reading.entry,
  } as DeploymentManifest;
  const description = firstLine(module?.doc ?? null);
  if (description && !adHoc) manifest.description = description;
  const tags = module?.dunders['__tags__'];
  if (tags && !adHoc) {
    try {
      const value = plainValue(tags.value, module.file, tags.line, '__tags__');
      manifest.tags = typeof value === 'string' ? [value] : (value as string[]);
    } catch (error) {
      if (!(error instanceof UnknowableValue)) throw error;
      context.errors.push(error.problem);
    }
  }
  manifest.jobs = jobs;
  validateManifest(manifest, context);
  if (context.errors.length > 0) throw new ManifestError(context.errors, context.warnings);
  return {
    manifest,
    warnings: context.warnings,
    hash: manifestHash(manifest),
    jobHashes: Object.fromEntries(jobs.map((job) => [job.job_ref, jobDefinitionHash(job)])),
  };
}

/**
 * Generates the manifest of a workspace: `__deployment__.py` (or `options.file`) read statically
 * with Python's `ast`. Throws `ManifestError` listing every problem with file:line.
 */
export async function generateManifest(rootDir: string, options: GenerateOptions = {}): Promise<GeneratedManifest> {
  const file = options.file ?? `${DEPLOYMENT_MODULE}.py`;
  if (!fs.existsSync(path.join(rootDir, file))) {
    if (options.file === undefined)
      throw new DlthubError('NotFound', `No '${DEPLOYMENT_MODULE}.py' file found in the workspace ${rootDir}.`, {
        hint: `Create ${DEPLOYMENT_MODULE}.py listing your jobs in __all__, or pass a file.`,
      });
    throw new DlthubError('NotFound', `File not found: ${file}`, { location: { file } });
  }
  const reading = await readWorkspaceModules(rootDir, file, options);
  return buildManifest(reading, options);
}

/** Profiles named by `require={"profile": ...}` in the job decorators of the workspace, sorted. */
export async function listReferencedProfiles(rootDir: string, options: GenerateOptions = {}): Promise<string[]> {
  const file = options.file ?? `${DEPLOYMENT_MODULE}.py`;
  if (!fs.existsSync(path.join(rootDir, file))) return [];
  const reading = await readWorkspaceModules(rootDir, file, options);
  return [...new Set(profilesInDecorators(reading).map((found) => found.profile))].sort();
}
