import type { ApiKey, Configuration, Organization, User, Workspace } from '@dlthub/api-schema';
import type { StoredApiKey, StoredConfiguration, StoredOrganization, StoredUser, StoredWorkspace } from './state';

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
