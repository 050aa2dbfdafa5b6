export { createClient, type ClientOptions, type PageOptions, type WorkspaceClient } from './client';
export { normalizeApiBaseUrl } from './base-url';
export { ApiRequestError } from './errors';
export { defaultUserAgent, clientVersion } from './user-agent';
export type { FetchLike } from './transport';
