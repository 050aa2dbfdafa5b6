import type {
  StoredAccessToken,
  StoredApiKey,
  StoredConfiguration,
  StoredDeployment,
  StoredDeploymentContent,
  StoredDeviceCode,
  StoredJob,
  StoredJobSchedule,
  StoredJobTrigger,
  StoredJobVersion,
  StoredMembership,
  StoredOrganization,
  StoredRun,
  StoredRunLog,
  StoredScheduleFire,
  StoredScheduleLastFire,
  StoredSession,
  StoredUser,
  StoredWorkspace,
} from '../state';

/** Every table and the record type of its rows. */
export interface Tables {
  users: StoredUser;
  organizations: StoredOrganization;
  memberships: StoredMembership;
  workspaces: StoredWorkspace;
  jobs: StoredJob;
  api_keys: StoredApiKey;
  access_tokens: StoredAccessToken;
  device_codes: StoredDeviceCode;
  sessions: StoredSession;
  configurations: StoredConfiguration;
  deployments: StoredDeployment;
  deployment_contents: StoredDeploymentContent;
  job_versions: StoredJobVersion;
  runs: StoredRun;
  run_logs: StoredRunLog;
  job_schedules: StoredJobSchedule;
  schedule_fires: StoredScheduleFire;
  schedule_last_fires: StoredScheduleLastFire;
  job_triggers: StoredJobTrigger;
}

export type TableName = keyof Tables;

/** How a field is kept: booleans and lists need converting, the rest maps to a column as it is. */
export type ColumnKind = 'text' | 'int' | 'bigint' | 'real' | 'bool' | 'json';

export type Columns<T> = { [K in keyof T]-?: ColumnKind };

export const tableColumns: { [K in TableName]: Columns<Tables[K]> } = {
  users: { id: 'text', username: 'text', email: 'text', name: 'text', created_at: 'text', github_id: 'bigint' },
  organizations: { id: 'text', name: 'text', created_at: 'text' },
  memberships: { user_id: 'text', organization_id: 'text', role: 'text' },
  workspaces: {
    id: 'text',
    name: 'text',
    description: 'text',
    organization_id: 'text',
    repository: 'text',
    created_at: 'text',
  },
  jobs: { id: 'text', name: 'text', workspace_id: 'text', active: 'bool' },
  api_keys: {
    id: 'text',
    user_id: 'text',
    name: 'text',
    key_hash: 'text',
    key_prefix: 'text',
    created_at: 'text',
    expires_at: 'text',
  },
  access_tokens: { token_hash: 'text', user_id: 'text', created_at: 'text', expires_at: 'text' },
  device_codes: {
    device_code_hash: 'text',
    user_code: 'text',
    client_id: 'text',
    created_at: 'text',
    expires_at: 'text',
    interval: 'int',
    last_poll_at: 'text',
    status: 'text',
    user_id: 'text',
  },
  sessions: { session_hash: 'text', user_id: 'text', expires_at: 'text' },
  configurations: {
    id: 'text',
    workspace_id: 'text',
    version: 'int',
    content_hash: 'text',
    profiles: 'json',
    size: 'int',
    created_at: 'text',
  },
  deployments: {
    id: 'text',
    workspace_id: 'text',
    version: 'int',
    content_hash: 'text',
    file_count: 'int',
    size: 'int',
    files: 'json',
    requirements: 'json',
    created_by: 'text',
    created_at: 'text',
  },
  deployment_contents: { deployment_id: 'text', content: 'text' },
  job_versions: {
    id: 'text',
    job_id: 'text',
    version: 'int',
    definition: 'json',
    definition_hash: 'text',
    deployment_id: 'text',
    created_at: 'text',
  },
  runs: {
    id: 'text',
    workspace_id: 'text',
    job_id: 'text',
    job_version_id: 'text',
    job_version: 'int',
    number: 'int',
    status: 'text',
    trigger: 'text',
    profile: 'text',
    triggered_by: 'text',
    deployment_id: 'text',
    configuration_id: 'text',
    reason: 'text',
    exit_code: 'int',
    created_at: 'text',
    time_started: 'text',
    time_ended: 'text',
    duration: 'real',
    interval_start: 'text',
    interval_end: 'text',
    interval_timezone: 'text',
    refresh: 'bool',
    refresh_origin: 'text',
    propagates_refresh: 'bool',
    due_at: 'text',
    app_url: 'text',
  },
  run_logs: { run_id: 'text', line_num: 'int', phase: 'text', stream: 'text', content: 'text', reported_at: 'text' },
  job_schedules: {
    job_id: 'text',
    activated_at: 'text',
    paused: 'bool',
    resumed_at: 'text',
    refresh_pending: 'bool',
  },
  schedule_fires: {
    job_id: 'text',
    fire_key: 'text',
    trigger: 'text',
    timed: 'bool',
    due_at: 'text',
    fired_at: 'text',
    status: 'text',
    reasons: 'json',
    run_id: 'text',
  },
  schedule_last_fires: { job_id: 'text', trigger: 'text', due_at: 'text' },
  job_triggers: { job_id: 'text', kind: 'text', value: 'text' },
};

export type Dialect = 'sqlite' | 'postgres';

/**
 * The schema, one entry per version; a database records the versions it has in `schema_migrations`
 * and gets the missing ones at start, in order, each in the transaction that records it. Every table
 * has a `seq` key in insertion order (lists come back in the order records were made).
 */
export function migrations(dialect: Dialect): { version: number; statements: string[] }[] {
  const seq = dialect === 'sqlite' ? 'seq INTEGER PRIMARY KEY AUTOINCREMENT' : 'seq BIGSERIAL PRIMARY KEY';
  const bool = dialect === 'sqlite' ? 'INTEGER' : 'BOOLEAN';
  const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
  return [
    {
      version: 1,
      statements: [
        `CREATE TABLE users (${seq}, id TEXT NOT NULL UNIQUE, username TEXT NOT NULL UNIQUE, email TEXT, name TEXT,
          created_at TEXT NOT NULL, github_id BIGINT UNIQUE)`,
        `CREATE TABLE organizations (${seq}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)`,
        `CREATE TABLE memberships (${seq}, user_id TEXT NOT NULL REFERENCES users (id),
          organization_id TEXT NOT NULL REFERENCES organizations (id), role TEXT NOT NULL,
          UNIQUE (user_id, organization_id))`,
        `CREATE TABLE workspaces (${seq}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT,
          organization_id TEXT NOT NULL REFERENCES organizations (id), repository TEXT UNIQUE, created_at TEXT NOT NULL,
          UNIQUE (organization_id, name))`,
        `CREATE TABLE jobs (${seq}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          workspace_id TEXT NOT NULL REFERENCES workspaces (id), active ${bool} NOT NULL, UNIQUE (workspace_id, name))`,
        `CREATE TABLE api_keys (${seq}, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users (id),
          name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, key_prefix TEXT NOT NULL, created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL)`,
        `CREATE TABLE access_tokens (${seq}, token_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users (id),
          created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
        `CREATE TABLE device_codes (${seq}, device_code_hash TEXT NOT NULL UNIQUE, user_code TEXT NOT NULL UNIQUE,
          client_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, "interval" INTEGER NOT NULL,
          last_poll_at TEXT, status TEXT NOT NULL, user_id TEXT REFERENCES users (id))`,
        `CREATE TABLE sessions (${seq}, session_hash TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users (id),
          expires_at TEXT NOT NULL)`,
        `CREATE TABLE configurations (${seq}, id TEXT NOT NULL UNIQUE,
          workspace_id TEXT NOT NULL REFERENCES workspaces (id), version INTEGER NOT NULL, content_hash TEXT NOT NULL,
          profiles TEXT NOT NULL, size INTEGER NOT NULL, created_at TEXT NOT NULL, UNIQUE (workspace_id, version))`,
        // Encrypted contents live beside their record, so one transaction writes (or drops) both.
        `CREATE TABLE configuration_contents (configuration_id TEXT PRIMARY KEY REFERENCES configurations (id),
          encrypted TEXT NOT NULL)`,
        `CREATE INDEX access_tokens_expiry ON access_tokens (expires_at)`,
        `CREATE INDEX device_codes_expiry ON device_codes (expires_at)`,
        `CREATE INDEX sessions_expiry ON sessions (expires_at)`,
        `CREATE INDEX memberships_organization ON memberships (organization_id)`,
        `CREATE INDEX api_keys_user ON api_keys (user_id)`,
        // Marks a data dir's state.json as imported, so a kill before its rename cannot import it twice.
        `CREATE TABLE imports (name TEXT PRIMARY KEY, imported_at TEXT NOT NULL)`,
        // A value encrypted with the secrets key: an instance started with another key refuses to serve.
        `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      ],
    },
    {
      // Deployments (versioned code packages), the job definitions manifests brought, runs and their logs.
      version: 2,
      statements: [
        `CREATE TABLE deployments (${seq}, id TEXT NOT NULL UNIQUE,
          workspace_id TEXT NOT NULL REFERENCES workspaces (id), version INTEGER NOT NULL, content_hash TEXT NOT NULL,
          file_count INTEGER NOT NULL, size INTEGER NOT NULL, files TEXT NOT NULL,
          created_by TEXT NOT NULL REFERENCES users (id), created_at TEXT NOT NULL, UNIQUE (workspace_id, version))`,
        // The tarball lives beside its record, so one transaction writes both or neither.
        `CREATE TABLE deployment_contents (${seq}, deployment_id TEXT NOT NULL UNIQUE REFERENCES deployments (id),
          content TEXT NOT NULL)`,
        `CREATE TABLE job_versions (${seq}, id TEXT NOT NULL UNIQUE, job_id TEXT NOT NULL REFERENCES jobs (id),
          version INTEGER NOT NULL, definition TEXT NOT NULL, definition_hash TEXT NOT NULL,
          deployment_id TEXT REFERENCES deployments (id), created_at TEXT NOT NULL, UNIQUE (job_id, version))`,
        `CREATE TABLE runs (${seq}, id TEXT NOT NULL UNIQUE, workspace_id TEXT NOT NULL REFERENCES workspaces (id),
          job_id TEXT NOT NULL REFERENCES jobs (id), job_version_id TEXT NOT NULL REFERENCES job_versions (id),
          job_version INTEGER NOT NULL, number INTEGER NOT NULL, status TEXT NOT NULL, "trigger" TEXT NOT NULL,
          profile TEXT NOT NULL, triggered_by TEXT REFERENCES users (id),
          deployment_id TEXT NOT NULL REFERENCES deployments (id), configuration_id TEXT REFERENCES configurations (id),
          reason TEXT, exit_code INTEGER, created_at TEXT NOT NULL, time_started TEXT, time_ended TEXT,
          duration ${real}, UNIQUE (job_id, number))`,
        `CREATE TABLE run_logs (${seq}, run_id TEXT NOT NULL REFERENCES runs (id), line_num INTEGER NOT NULL,
          phase TEXT NOT NULL, stream TEXT NOT NULL, content TEXT NOT NULL, reported_at TEXT NOT NULL,
          UNIQUE (run_id, line_num))`,
        `CREATE INDEX runs_workspace ON runs (workspace_id)`,
        `CREATE INDEX runs_status ON runs (status)`,
        `CREATE INDEX job_versions_job ON job_versions (job_id)`,
      ],
    },
    {
      // The scheduler: schedule state per job, fires committed once per (job, fire key) by whichever instance
      // claims them first (the unique key is what makes two instances on one database fire each tick once),
      // the last handled due time per clock trigger, and each run's window and refresh.
      version: 3,
      statements: [
        `CREATE TABLE job_schedules (${seq}, job_id TEXT NOT NULL UNIQUE REFERENCES jobs (id),
          activated_at TEXT NOT NULL, paused ${bool} NOT NULL, resumed_at TEXT, refresh_pending ${bool} NOT NULL)`,
        `CREATE TABLE schedule_fires (${seq}, job_id TEXT NOT NULL REFERENCES jobs (id), fire_key TEXT NOT NULL,
          "trigger" TEXT NOT NULL, timed ${bool} NOT NULL, due_at TEXT NOT NULL, fired_at TEXT NOT NULL,
          status TEXT NOT NULL, reasons TEXT NOT NULL, run_id TEXT REFERENCES runs (id), UNIQUE (job_id, fire_key))`,
        `CREATE TABLE schedule_last_fires (${seq}, job_id TEXT NOT NULL REFERENCES jobs (id), "trigger" TEXT NOT NULL,
          due_at TEXT NOT NULL, UNIQUE (job_id, "trigger"))`,
        `ALTER TABLE runs ADD COLUMN interval_start TEXT`,
        `ALTER TABLE runs ADD COLUMN interval_end TEXT`,
        `ALTER TABLE runs ADD COLUMN interval_timezone TEXT`,
        `ALTER TABLE runs ADD COLUMN refresh ${bool}`,
        `ALTER TABLE runs ADD COLUMN refresh_origin TEXT`,
        `ALTER TABLE runs ADD COLUMN propagates_refresh ${bool}`,
        `ALTER TABLE runs ADD COLUMN due_at TEXT`,
        `CREATE INDEX runs_job_status ON runs (job_id, status)`,
        `CREATE INDEX jobs_active ON jobs (active)`,
      ],
    },
    {
      // The stored triggers and freshness constraints of each job's current definition, so the follow-ups of a
      // finished run are found by index. Every manifest reconcile rewrites them for the jobs it sends, so jobs
      // deployed before this version are indexed by the next deploy.
      version: 4,
      statements: [
        `CREATE TABLE job_triggers (${seq}, job_id TEXT NOT NULL REFERENCES jobs (id), kind TEXT NOT NULL,
          value TEXT NOT NULL, UNIQUE (job_id, kind, value))`,
        `CREATE INDEX job_triggers_value ON job_triggers (kind, value)`,
      ],
    },
    {
      // Where a running interactive run answers.
      version: 5,
      statements: [`ALTER TABLE runs ADD COLUMN app_url TEXT`],
    },
    {
      // The `requirements.json` of each code package; null for packages uploaded before.
      version: 6,
      statements: [`ALTER TABLE deployments ADD COLUMN requirements TEXT`],
    },
  ];
}
