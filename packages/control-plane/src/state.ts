import type { DeploymentRequirements, JobDefinition, OrganizationRole, RunStatus } from '@dlthub/api-schema';

/** Everything the control plane knows, persisted as `<data-dir>/state.json`. Secrets only as SHA-256 hashes. */
export interface StoredUser {
  id: string;
  username: string;
  email: string | null;
  name: string | null;
  created_at: string;
  /** GitHub's numeric user id when the user signs in with GitHub. */
  github_id?: number | null;
}

export interface StoredOrganization {
  id: string;
  name: string;
  created_at: string;
}

export interface StoredMembership {
  user_id: string;
  organization_id: string;
  role: OrganizationRole;
}

export interface StoredWorkspace {
  id: string;
  name: string;
  description: string | null;
  organization_id: string;
  repository: string | null;
  created_at: string;
}

export interface StoredJob {
  id: string;
  name: string;
  workspace_id: string;
  active: boolean;
}

export interface StoredApiKey {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  expires_at: string;
}

export interface StoredAccessToken {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface StoredDeviceCode {
  device_code_hash: string;
  user_code: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  /** Current minimum poll interval in seconds; grows by 5 on every slow_down (RFC 8628 §3.5). */
  interval: number;
  last_poll_at: string | null;
  status: DeviceCodeStatus;
  user_id: string | null;
}

export interface StoredSession {
  session_hash: string;
  user_id: string;
  expires_at: string;
}

export interface StoredConfiguration {
  id: string;
  workspace_id: string;
  version: number;
  content_hash: string;
  profiles: string[];
  size: number;
  created_at: string;
}

export interface StoredDeployment {
  id: string;
  workspace_id: string;
  version: number;
  content_hash: string;
  file_count: number;
  size: number;
  /** The package's files manifest entries (path, size, digest, link). */
  files: { relative_path: string; size_in_bytes: number; sha3_256: string; linkname?: string }[];
  /** The package's `requirements.json`, checked against the API schema; null when it had none. */
  requirements?: DeploymentRequirements | null;
  created_by: string;
  created_at: string;
}

/** The uploaded tarball of a deployment, base64 (one text column in both databases). */
export interface StoredDeploymentContent {
  deployment_id: string;
  content: string;
}

/** One definition of a job, as a manifest sent it; versions count up per job when the definition changes. */
export interface StoredJobVersion {
  id: string;
  job_id: string;
  version: number;
  definition: JobDefinition;
  definition_hash: string;
  /** The latest deployment when the manifest came in (null before any upload). */
  deployment_id: string | null;
  created_at: string;
}

export interface StoredRun {
  id: string;
  workspace_id: string;
  job_id: string;
  job_version_id: string;
  job_version: number;
  number: number;
  status: RunStatus;
  trigger: string;
  profile: string;
  triggered_by: string | null;
  deployment_id: string;
  configuration_id: string | null;
  reason: string | null;
  exit_code: number | null;
  created_at: string;
  time_started: string | null;
  time_ended: string | null;
  duration: number | null;
  /** The run's data window (UTC ISO) and the job's time zone; null on runs recorded before the scheduler. */
  interval_start?: string | null;
  interval_end?: string | null;
  interval_timezone?: string | null;
  /** `run_context["refresh"]`, and why (first_run, explicit, cascade). */
  refresh?: boolean | null;
  refresh_origin?: string | null;
  /** A completed run marks the jobs downstream along freshness edges to refresh. */
  propagates_refresh?: boolean | null;
  /** Due time of the fire that made the run. */
  due_at?: string | null;
  /** An interactive run's URL while it serves; null once it ended and on batch runs. */
  app_url?: string | null;
}

/** A job's schedule state (one record per job that was ever deployed with a definition). */
export interface StoredJobSchedule {
  job_id: string;
  /** When the job (or its current triggers) became active: nothing fires for earlier due times. */
  activated_at: string;
  paused: boolean;
  /** Last resume: ticks missed while paused are not fired. */
  resumed_at: string | null;
  /** Set by a refresh cascade; the next run refreshes and clears it. */
  refresh_pending: boolean;
}

/** One fire of a trigger, committed once per (job_id, fire_key) whichever instance fired it. */
export interface StoredScheduleFire {
  job_id: string;
  /** `<trigger>@<due ISO>`, `<trigger>@run:<upstream run>` or `request:<id>` (the scheduler's fire keys). */
  fire_key: string;
  trigger: string;
  timed: boolean;
  due_at: string;
  fired_at: string;
  /** `triggered` or a `skipped_*` status (reference §4.2). */
  status: string;
  reasons: string[];
  run_id: string | null;
}

/**
 * A stored trigger (`kind: trigger`) or freshness constraint (`kind: freshness`) of a job's current definition:
 * the scheduler finds the follow-ups of a finished run, and the refresh cascade its downstream jobs, by index.
 */
export interface StoredJobTrigger {
  job_id: string;
  kind: 'trigger' | 'freshness';
  value: string;
}

/** Due time of the last handled clock fire of one trigger of a job. */
export interface StoredScheduleLastFire {
  job_id: string;
  trigger: string;
  due_at: string;
}

export interface StoredRunLog {
  run_id: string;
  line_num: number;
  phase: 'program' | 'runner';
  stream: 'stdout' | 'stderr';
  content: string;
  reported_at: string;
}

export interface State {
  format: 1;
  users: StoredUser[];
  organizations: StoredOrganization[];
  memberships: StoredMembership[];
  workspaces: StoredWorkspace[];
  jobs: StoredJob[];
  api_keys: StoredApiKey[];
  access_tokens: StoredAccessToken[];
  device_codes: StoredDeviceCode[];
  sessions: StoredSession[];
  configurations: StoredConfiguration[];
}

export function emptyState(): State {
  return {
    format: 1,
    users: [],
    organizations: [],
    memberships: [],
    workspaces: [],
    jobs: [],
    api_keys: [],
    access_tokens: [],
    device_codes: [],
    sessions: [],
    configurations: [],
  };
}
