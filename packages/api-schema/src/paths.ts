/**
 * Every path of the `/api/v1` API, built in one place so the server's router and the client agree.
 * Ids are URI-encoded.
 */
const enc = encodeURIComponent;

export const apiPrefix = '/api/v1';

export const apiPaths = {
  deviceCode: () => `${apiPrefix}/auth/device/code`,
  deviceToken: () => `${apiPrefix}/auth/device/token`,
  /** `DELETE`: revokes the credential the request is made with (logout). */
  currentToken: () => `${apiPrefix}/auth/token`,
  me: () => `${apiPrefix}/me`,
  organizations: () => `${apiPrefix}/organizations`,
  organization: (organizationId: string) => `${apiPrefix}/organizations/${enc(organizationId)}`,
  organizationWorkspaces: (organizationId: string) => `${apiPrefix}/organizations/${enc(organizationId)}/workspaces`,
  workspaces: () => `${apiPrefix}/workspaces`,
  workspace: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}`,
  workspaceRepository: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/repository`,
  workspaceJobs: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs`,
  workspaceConfigurations: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/configurations`,
  workspaceLatestConfiguration: (workspaceId: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/configurations/latest`,
  workspaceDeployments: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/deployments`,
  /** A version number, a deployment id, or `latest`. */
  workspaceDeployment: (workspaceId: string, idOrVersion: string | number) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/deployments/${enc(String(idOrVersion))}`,
  workspaceDeploymentFiles: (workspaceId: string, idOrVersion: string | number) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/deployments/${enc(String(idOrVersion))}/files`,
  /** `POST` a deployment manifest; it is reconciled into the workspace's jobs. */
  workspaceDeploy: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/deploy`,
  /** A job id or job ref. */
  workspaceJob: (workspaceId: string, jobIdOrRef: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs/${enc(jobIdOrRef)}`,
  /** `POST`: pause (or resume) a job's clock and follow-up triggers. */
  workspaceJobPause: (workspaceId: string, jobIdOrRef: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs/${enc(jobIdOrRef)}/pause`,
  workspaceJobResume: (workspaceId: string, jobIdOrRef: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs/${enc(jobIdOrRef)}/resume`,
  /** `GET`: the job's fires, newest first. */
  workspaceJobFires: (workspaceId: string, jobIdOrRef: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs/${enc(jobIdOrRef)}/fires`,
  /** `POST` selectors: fire every job they pick. */
  workspaceJobsTrigger: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/jobs/trigger`,
  workspaceRuns: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/runs`,
  /** `POST` job ids or refs: cancel every active run of those jobs. */
  workspaceRunsCancel: (workspaceId: string) => `${apiPrefix}/workspaces/${enc(workspaceId)}/runs/cancel`,
  workspaceRun: (workspaceId: string, runId: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}`,
  workspaceRunCancel: (workspaceId: string, runId: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/cancel`,
  workspaceRunLogs: (workspaceId: string, runId: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/logs`,
  workspaceRunLogStream: (workspaceId: string, runId: string) =>
    `${apiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/logs/stream`,
  apiKeys: () => `${apiPrefix}/api-keys`,
  apiKey: (apiKeyId: string) => `${apiPrefix}/api-keys/${enc(apiKeyId)}`,
} as const;

export const uiPrefix = '/ui';

/**
 * The control plane's signed-in web pages (browser session, not bearer tokens), built in one place so the
 * server's router and `dlthub show` agree. Job and run segments are ids.
 */
export const uiPaths = {
  home: () => uiPrefix,
  workspace: (workspaceId: string) => `${uiPrefix}/workspaces/${enc(workspaceId)}`,
  job: (workspaceId: string, jobId: string) => `${uiPrefix}/workspaces/${enc(workspaceId)}/jobs/${enc(jobId)}`,
  run: (workspaceId: string, runId: string) => `${uiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}`,
  /** Server-sent events of a run's log lines, authenticated by the session cookie (EventSource sends no headers). */
  runLogStream: (workspaceId: string, runId: string) =>
    `${uiPrefix}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/logs/stream`,
  /** The run page's script, a file of our own origin so the pages' CSP needs no inline script. */
  runPageScript: () => `${uiPrefix}/run-page.js`,
} as const;
