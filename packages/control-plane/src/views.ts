import type {
  ApiKey,
  Configuration,
  Deployment,
  Fire,
  Job,
  Organization,
  Run,
  RunLogLine,
  User,
  Workspace,
} from '@dlthub/api-schema';
import type { FireRecord } from '@dlthub/scheduler';
import type {
  StoredApiKey,
  StoredConfiguration,
  StoredDeployment,
  StoredJob,
  StoredJobSchedule,
  StoredJobVersion,
  StoredOrganization,
  StoredRun,
  StoredRunLog,
  StoredUser,
  StoredWorkspace,
} from './state';

/** Stored records → API shapes (the only place that decides what leaves the server). */
export function userView(user: StoredUser): User {
  return { id: user.id, username: user.username, email: user.email, name: user.name };
}

export function organizationView(organization: StoredOrganization): Organization {
  return { id: organization.id, name: organization.name, created_at: organization.created_at };
}

/** `organizations` maps ids to the organizations the caller may see. */
export function workspaceView(workspace: StoredWorkspace, organizations: Map<string, StoredOrganization>): Workspace {
  const organization = organizations.get(workspace.organization_id);
  return {
    id: workspace.id,
    name: workspace.name,
    description: workspace.description,
    organization_id: workspace.organization_id,
    organization_name: organization?.name ?? workspace.organization_id,
    repository: workspace.repository,
    created_at: workspace.created_at,
  };
}

export function apiKeyView(key: StoredApiKey): ApiKey {
  return {
    id: key.id,
    name: key.name,
    key_prefix: key.key_prefix,
    created_at: key.created_at,
    expires_at: key.expires_at,
  };
}

export function configurationView(configuration: StoredConfiguration): Configuration {
  return { ...configuration, profiles: [...configuration.profiles] };
}

/** The files manifest stays out: `…/deployments/{version}/files` serves it. */
export function deploymentView(deployment: StoredDeployment): Deployment {
  return {
    id: deployment.id,
    workspace_id: deployment.workspace_id,
    version: deployment.version,
    content_hash: deployment.content_hash,
    file_count: deployment.file_count,
    size: deployment.size,
    created_by: deployment.created_by,
    created_at: deployment.created_at,
  };
}

/** A job with its current definition and pause state; a seeded job without a definition shows only its record. */
export function jobView(job: StoredJob, version: StoredJobVersion | undefined, schedule?: StoredJobSchedule): Job {
  const paused = schedule?.paused ?? false;
  if (!version) return { id: job.id, name: job.name, workspace_id: job.workspace_id, active: job.active, paused };
  const { definition } = version;
  return {
    id: job.id,
    name: job.name,
    workspace_id: job.workspace_id,
    active: job.active,
    paused,
    job_type: definition.entry_point.job_type,
    version: version.version,
    description: definition.description ?? null,
    triggers: definition.triggers,
    default_trigger: definition.default_trigger ?? null,
    definition,
    updated_at: version.created_at,
  };
}

export function fireView(fire: FireRecord): Fire {
  return {
    job_ref: fire.jobRef,
    trigger: fire.trigger,
    due_at: fire.dueAt.toISOString(),
    fired_at: fire.firedAt.toISOString(),
    status: fire.status,
    reasons: [...fire.reasons],
    run_id: fire.runId ?? null,
  };
}

export function runView(run: StoredRun, jobRef: string): Run {
  return {
    id: run.id,
    workspace_id: run.workspace_id,
    job_id: run.job_id,
    job_ref: jobRef,
    number: run.number,
    status: run.status,
    trigger: run.trigger,
    profile: run.profile,
    triggered_by: run.triggered_by,
    deployment_id: run.deployment_id,
    configuration_id: run.configuration_id,
    job_version: run.job_version,
    reason: run.reason,
    exit_code: run.exit_code,
    created_at: run.created_at,
    time_started: run.time_started,
    time_ended: run.time_ended,
    duration: run.duration,
    interval_start: utcTimestamp(run.interval_start),
    interval_end: utcTimestamp(run.interval_end),
    url: run.app_url ?? null,
  };
}

export function runLogView(line: StoredRunLog): RunLogLine {
  return {
    line_num: line.line_num,
    phase: line.phase,
    stream: line.stream,
    content: line.content,
    reported_at: line.reported_at,
  };
}

/** The scheduler writes windows as `…+00:00` (dlt's form); the API's timestamps end in `Z`. */
function utcTimestamp(value: string | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null;
}
