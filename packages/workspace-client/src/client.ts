import {
  ApiKeySchema,
  ConfigurationSchema,
  ConfigurationUploadResultSchema,
  CreatedApiKeySchema,
  DeviceCodeResponseSchema,
  DeviceTokenErrorSchema,
  DeviceTokenSuccessSchema,
  JobSchema,
  MemberOrganizationSchema,
  MeSchema,
  RepositoryBindingSchema,
  WorkspaceSchema,
  apiPaths,
  configurationContentHash,
  defaultDeviceClientId,
  pageLimitMax,
  pageSchema,
  type ApiKey,
  type Configuration,
  type ConfigurationContent,
  type ConfigurationUploadResult,
  type CreateApiKeyRequest,
  type CreateWorkspaceRequest,
  type CreatedApiKey,
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
  listJobs(workspaceId: string, page?: PageOptions): Promise<Page<Job>>;
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
        query: pageQuery(page),
        signal: page?.signal,
      }),
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
