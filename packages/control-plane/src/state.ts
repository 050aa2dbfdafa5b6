import type { OrganizationRole } from '@dlthub/api-schema';

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
