import {
  ApiKeySchema,
  CancelJobRunsResultSchema,
  ConfigurationSchema,
  ConfigurationUploadResultSchema,
  CreatedApiKeySchema,
  DeployManifestResultSchema,
  DeploymentFilesSchema,
  DeploymentSchema,
  DeploymentUploadResultSchema,
  DeviceCodeResponseSchema,
  DeviceTokenErrorSchema,
  DeviceTokenSuccessSchema,
  JobSchema,
  MemberOrganizationSchema,
  MeSchema,
  RepositoryBindingSchema,
  RunLogLineSchema,
  RunSchema,
  TriggerRunResultSchema,
  WorkspaceSchema,
  deploymentMediaType,
  runLogStreamEvents,
  apiPaths,
  configurationContentHash,
  defaultDeviceClientId,
  pageLimitMax,
  pageSchema,
  type ApiKey,
  type CancelJobRunsRequest,
  type CancelJobRunsResult,
  type Configuration,
  type ConfigurationContent,
  type ConfigurationUploadResult,
  type CreateApiKeyRequest,
  type CreateWorkspaceRequest,
  type CreatedApiKey,
  type DeployManifestRequest,
  type DeployManifestResult,
  type Deployment,
  type DeploymentFiles,
  type DeploymentUploadResult,
  type RunLogLine,
  type Run,
  type RunStatus,
  type TriggerRunRequest,
  type TriggerRunResult,
  type DeviceCodeRequest,
  type DeviceCodeResponse,
  type Job,
  type Me,
  type MemberOrganization,
  type Page,
  type RepositoryBinding,
  type Workspace,
} from '@dlthub/api-schema';
import type { DeviceFlowApi, DeviceTokenPoll, ResolvedCredentials } from '@dlthub/auth';
import { normalizeApiBaseUrl } from './base-url';
import { readServerSentEvents } from './sse';
import { ApiRequestError } from './errors';
import { Transport, type FetchLike } from './transport';
import { defaultUserAgent } from './user-agent';

export interface ClientOptions {
  /** Control-plane origin (`runtime.api_base_url`); legacy dltHub URLs are normalized. */
  baseUrl: string;
  /** Bearer token or API key. Ignored when `credentials` is given. */
  token?: string;
  /** Credentials resolved by `@dlthub/auth`: the token plus where it came from, for 401 hints. */
  credentials?: ResolvedCredentials;
  /** Product prefix for the user agent, e.g. `dlthub-cli/0.1.0`. */
  userAgent?: string;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls on network errors, timeouts and 5xx (default 3). */
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  fetch?: FetchLike;
  /** Environment for proxy settings (default `process.env`). */
  env?: Record<string, string | undefined>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface PageOptions {
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

export interface WorkspaceClient extends DeviceFlowApi {
  readonly baseUrl: string;
  requestDeviceCode(request?: DeviceCodeRequest, signal?: AbortSignal): Promise<DeviceCodeResponse>;
  pollDeviceToken(deviceCode: string, signal?: AbortSignal): Promise<DeviceTokenPoll>;
  me(signal?: AbortSignal): Promise<Me>;
  listOrganizations(page?: PageOptions): Promise<Page<MemberOrganization>>;
  listWorkspaces(page?: PageOptions & { organizationId?: string }): Promise<Page<Workspace>>;
  /** Every workspace the caller can see, following pages. */
  listAllWorkspaces(options?: { organizationId?: string; signal?: AbortSignal }): Promise<Workspace[]>;
  listOrganizationWorkspaces(organizationId: string, page?: PageOptions): Promise<Page<Workspace>>;
  createWorkspace(organizationId: string, request: CreateWorkspaceRequest): Promise<Workspace>;
  getWorkspace(workspaceId: string): Promise<Workspace>;
  listJobs(workspaceId: string, page?: PageOptions & { archived?: boolean }): Promise<Page<Job>>;
  /** A job by id or job ref. */
  getJob(workspaceId: string, jobIdOrRef: string): Promise<Job>;
  /** Pauses a job's clock and follow-up triggers (explicit triggers still run); answers the job, `paused: true`. */
  pauseJob(workspaceId: string, jobIdOrRef: string): Promise<Job>;
  /** Resumes them from the next due time; ticks missed while paused are not fired. */
  resumeJob(workspaceId: string, jobIdOrRef: string): Promise<Job>;
  /** Uploads a code package (the gzipped tarball); an unchanged content hash makes no new version. */
  uploadDeployment(workspaceId: string, tarball: Uint8Array): Promise<DeploymentUploadResult>;
  listDeployments(workspaceId: string, page?: PageOptions): Promise<Page<Deployment>>;
  /** `latest`, a version number or an id; the latest is `null` when the workspace has none yet. */
  getDeployment(workspaceId: string, idOrVersion: string | number): Promise<Deployment | null>;
  getDeploymentFiles(workspaceId: string, idOrVersion: string | number): Promise<DeploymentFiles>;
  /** Sends a manifest to reconcile into jobs (or, with `dry_run`, to plan). */
  deployManifest(workspaceId: string, manifest: DeployManifestRequest): Promise<DeployManifestResult>;
  triggerRun(workspaceId: string, request: TriggerRunRequest): Promise<TriggerRunResult>;
  listRuns(workspaceId: string, page?: PageOptions & { job?: string; status?: RunStatus }): Promise<Page<Run>>;
  getRun(workspaceId: string, runId: string): Promise<Run>;
  cancelRun(workspaceId: string, runId: string): Promise<Run>;
  /** Cancels every active run of the jobs (ids or job refs) in one request; answers the runs that ended cancelled. */
  cancelJobRuns(workspaceId: string, request: CancelJobRunsRequest): Promise<CancelJobRunsResult>;
  /** Stored log lines of a run, in order. */
  /** A page of a run's lines; `after` starts after that line number (the cheap way through a long log). */
  getRunLogs(workspaceId: string, runId: string, page?: PageOptions & { after?: number }): Promise<Page<RunLogLine>>;
  /**
   * Follows a run's logs (server-sent events): `onLine` for every line after `after`, resolving with the
   * final run when the run ends; `signal` stops following.
   */
  followRunLogs(
    workspaceId: string,
    runId: string,
    onLine: (line: RunLogLine) => void,
    options?: { after?: number; signal?: AbortSignal },
  ): Promise<Run>;
  bindRepository(workspaceId: string, repository: string): Promise<RepositoryBinding>;
  createApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKey>;
  listApiKeys(page?: PageOptions): Promise<Page<ApiKey>>;
  deleteApiKey(apiKeyId: string): Promise<void>;
  /** Revokes the credential this client is using (logout); it stops working at once. */
  revokeCurrentToken(): Promise<void>;
  uploadConfiguration(workspaceId: string, content: ConfigurationContent): Promise<ConfigurationUploadResult>;
  listConfigurations(workspaceId: string, page?: PageOptions): Promise<Page<Configuration>>;
  /** The newest configuration version, or `null` when the workspace has none yet. */
  getLatestConfiguration(workspaceId: string): Promise<Configuration | null>;
  /** Releases the proxy connection pool, if any. */
  close(): Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function authHintFor(credentials: ResolvedCredentials | undefined): string {
  if (credentials?.kind === 'api_key') {
    return `The API key from ${credentials.source} was refused; create a new key, or unset it and run \`dlthub login\`.`;
  }
  return 'Run `dlthub login` to sign in again.';
}

const workspacePage = pageSchema(WorkspaceSchema);
const maxPages = 1000;

export function createClient(options: ClientOptions): WorkspaceClient {
  const baseUrl = normalizeApiBaseUrl(options.baseUrl);
  const transport = new Transport({
    baseUrl,
    token: options.credentials ? options.credentials.token : options.token,
    authHint: authHintFor(options.credentials),
    userAgent: defaultUserAgent(options.userAgent),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 5_000,
    fetch: options.fetch,
    env: options.env ?? process.env,
    sleep: options.sleep ?? sleepFor,
    random: options.random ?? Math.random,
  });
  const pageQuery = (page: PageOptions = {}) => ({ limit: page.limit, offset: page.offset });

  const client: WorkspaceClient = {
    baseUrl,
    requestDeviceCode: (request = {}, signal) =>
      transport.call('POST', apiPaths.deviceCode(), DeviceCodeResponseSchema, {
        body: {
          client_id: request.client_id ?? defaultDeviceClientId,
          ...(request.scope ? { scope: request.scope } : {}),
        },
        signal,
      }),
    async pollDeviceToken(deviceCode, signal) {
      const path = apiPaths.deviceToken();
      const raw = await transport.send('POST', path, {
        body: { device_code: deviceCode, client_id: defaultDeviceClientId },
        signal,
      });
      // Branch on the body's `error` field, not the status: GitHub answers pending with HTTP 200.
      const error = DeviceTokenErrorSchema.safeParse(raw.json);
      if (error.success) return { kind: 'error', error: error.data };
      if (raw.status >= 200 && raw.status < 300) {
        return { kind: 'token', token: transport.parse('POST', path, DeviceTokenSuccessSchema, raw.json) };
      }
      throw transport.httpError('POST', path, raw);
    },
    me: (signal) => transport.call('GET', apiPaths.me(), MeSchema, { signal }),
    listOrganizations: (page) =>
      transport.call('GET', apiPaths.organizations(), pageSchema(MemberOrganizationSchema), {
        query: pageQuery(page),
        signal: page?.signal,
      }),
    listWorkspaces: (page = {}) =>
      transport.call('GET', apiPaths.workspaces(), workspacePage, {
        query: { ...pageQuery(page), organization_id: page.organizationId },
        signal: page.signal,
      }),
    async listAllWorkspaces(listOptions = {}) {
      const all: Workspace[] = [];
      for (let pageIndex = 0; pageIndex < maxPages; pageIndex++) {
        const page = await client.listWorkspaces({ ...listOptions, limit: pageLimitMax, offset: all.length });
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) return all;
      }
      throw new ApiRequestError(
        'Api',
        `GET ${apiPaths.workspaces()} kept returning pages past ${maxPages}.`,
        `GET ${apiPaths.workspaces()}`,
        undefined,
        undefined,
      );
    },
    listOrganizationWorkspaces: (organizationId, page) =>
      transport.call('GET', apiPaths.organizationWorkspaces(organizationId), workspacePage, {
        query: pageQuery(page),
        signal: page?.signal,
      }),
    createWorkspace: (organizationId, request) =>
      transport.call('POST', apiPaths.organizationWorkspaces(organizationId), WorkspaceSchema, { body: request }),
    getWorkspace: (workspaceId) => transport.call('GET', apiPaths.workspace(workspaceId), WorkspaceSchema),
    listJobs: (workspaceId, page) =>
      transport.call('GET', apiPaths.workspaceJobs(workspaceId), pageSchema(JobSchema), {
        query: { ...pageQuery(page), archived: page?.archived ? 'true' : undefined },
        signal: page?.signal,
      }),
    getJob: (workspaceId, jobIdOrRef) =>
      transport.call('GET', apiPaths.workspaceJob(workspaceId, jobIdOrRef), JobSchema),
    pauseJob: (workspaceId, jobIdOrRef) =>
      transport.call('POST', apiPaths.workspaceJobPause(workspaceId, jobIdOrRef), JobSchema),
    resumeJob: (workspaceId, jobIdOrRef) =>
      transport.call('POST', apiPaths.workspaceJobResume(workspaceId, jobIdOrRef), JobSchema),
    uploadDeployment: (workspaceId, tarball) =>
      transport.call('POST', apiPaths.workspaceDeployments(workspaceId), DeploymentUploadResultSchema, {
        rawBody: { bytes: tarball, contentType: deploymentMediaType },
      }),
    listDeployments: (workspaceId, page) =>
      transport.call('GET', apiPaths.workspaceDeployments(workspaceId), pageSchema(DeploymentSchema), {
        query: pageQuery(page),
        signal: page?.signal,
      }),
    async getDeployment(workspaceId, idOrVersion) {
      try {
        return await transport.call('GET', apiPaths.workspaceDeployment(workspaceId, idOrVersion), DeploymentSchema);
      } catch (error) {
        if (idOrVersion === 'latest' && error instanceof ApiRequestError && error.status === 404) return null;
        throw error;
      }
    },
    getDeploymentFiles: (workspaceId, idOrVersion) =>
      transport.call('GET', apiPaths.workspaceDeploymentFiles(workspaceId, idOrVersion), DeploymentFilesSchema),
    deployManifest: (workspaceId, manifest) =>
      transport.call('POST', apiPaths.workspaceDeploy(workspaceId), DeployManifestResultSchema, { body: manifest }),
    triggerRun: (workspaceId, request) =>
      transport.call('POST', apiPaths.workspaceRuns(workspaceId), TriggerRunResultSchema, { body: request }),
    listRuns: (workspaceId, page) =>
      transport.call('GET', apiPaths.workspaceRuns(workspaceId), pageSchema(RunSchema), {
        query: { ...pageQuery(page), job: page?.job, status: page?.status },
        signal: page?.signal,
      }),
    getRun: (workspaceId, runId) => transport.call('GET', apiPaths.workspaceRun(workspaceId, runId), RunSchema),
    cancelRun: (workspaceId, runId) =>
      transport.call('POST', apiPaths.workspaceRunCancel(workspaceId, runId), RunSchema),
    cancelJobRuns: (workspaceId, request) =>
      transport.call('POST', apiPaths.workspaceRunsCancel(workspaceId), CancelJobRunsResultSchema, { body: request }),
    getRunLogs: (workspaceId, runId, page) =>
      transport.call('GET', apiPaths.workspaceRunLogs(workspaceId, runId), pageSchema(RunLogLineSchema), {
        query: { ...pageQuery(page), after: page?.after },
        signal: page?.signal,
      }),
    async followRunLogs(workspaceId, runId, onLine, followOptions = {}) {
      const path = apiPaths.workspaceRunLogStream(workspaceId, runId);
      const response = await transport.openStream(path, {
        query: { after: followOptions.after },
        signal: followOptions.signal,
      });
      // A fetch without a streaming body still gets the whole stream once it has ended.
      const body = response.body ?? [new TextEncoder().encode(await response.text())];
      for await (const event of readServerSentEvents(body)) {
        const data = JSON.parse(event.data) as unknown;
        if (event.event === runLogStreamEvents.log) onLine(transport.parse('GET', path, RunLogLineSchema, data));
        else if (event.event === runLogStreamEvents.end) return transport.parse('GET', path, RunSchema, data);
      }
      throw new ApiRequestError(
        'Network',
        `GET ${path} ended before the run did.`,
        `GET ${path}`,
        undefined,
        undefined,
      );
    },
    bindRepository: (workspaceId, repository) =>
      transport.call('PUT', apiPaths.workspaceRepository(workspaceId), RepositoryBindingSchema, {
        body: { repository },
      }),
    createApiKey: (request) => transport.call('POST', apiPaths.apiKeys(), CreatedApiKeySchema, { body: request }),
    listApiKeys: (page) =>
      transport.call('GET', apiPaths.apiKeys(), pageSchema(ApiKeySchema), {
        query: pageQuery(page),
        signal: page?.signal,
      }),
    deleteApiKey: (apiKeyId) => transport.callNoContent('DELETE', apiPaths.apiKey(apiKeyId)),
    revokeCurrentToken: () => transport.callNoContent('DELETE', apiPaths.currentToken()),
    uploadConfiguration: (workspaceId, content) =>
      transport.call('POST', apiPaths.workspaceConfigurations(workspaceId), ConfigurationUploadResultSchema, {
        body: {
          profiles: content.profiles,
          workspace: content.workspace,
          content_hash: configurationContentHash(content),
        },
      }),
    listConfigurations: (workspaceId, page) =>
      transport.call('GET', apiPaths.workspaceConfigurations(workspaceId), pageSchema(ConfigurationSchema), {
        query: pageQuery(page),
        signal: page?.signal,
      }),
    async getLatestConfiguration(workspaceId) {
      try {
        return await transport.call('GET', apiPaths.workspaceLatestConfiguration(workspaceId), ConfigurationSchema);
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) return null;
        throw error;
      }
    },
    close: () => transport.close(),
  };
  return client;
}
