/** Shapes of the deployment manifest, engine 2 (reference §3). */

export const MANIFEST_ENGINE_VERSION = 2;
export const DEPLOYMENT_MODULE = '__deployment__';
export const DASHBOARD_JOB_REF = 'jobs.workspace.dashboard';

export type JobType = 'batch' | 'interactive' | 'stream';

export interface EntryPoint {
  module: string;
  function: string | null;
  job_type: JobType;
  launcher: string;
}

export interface JobDefinition {
  job_ref: string;
  description?: string;
  entry_point: EntryPoint;
  triggers: string[];
  execute: Record<string, unknown>;
  expose?: Record<string, unknown> & { manual?: boolean; tags?: string[] };
  config_keys?: string[];
  interval?: Record<string, unknown>;
  freshness?: string[];
  incremental_mode?: 'interval' | 'pipeline';
  refresh_propagation?: string;
  auto_refresh_pipeline_mode?: unknown;
  deliver?: { pipeline_name?: string; source_ref?: string; deadline?: unknown };
  require?: Record<string, unknown>;
  default_trigger?: string;
}

export interface DeploymentManifest {
  engine_version: number;
  created_at: string;
  /** `null` for ad-hoc runs of one file: the server then archives nothing. */
  deployment_module: string | null;
  description?: string;
  tags?: string[];
  jobs: JobDefinition[];
}

/** One error or warning, pointing into a source file when it can. */
export interface ManifestProblem {
  message: string;
  file?: string;
  line?: number;
}

export function formatProblem(problem: ManifestProblem): string {
  if (problem.file === undefined) return problem.message;
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`;
}
