import type { OrganizationRole } from '@dlthub/api-schema';
import type { Principal } from './authenticate';
import { HttpError } from './http';
import type { State, StoredOrganization, StoredWorkspace } from './state';

/** Organization roles that may change things (create workspaces, bind, upload); collaborators only read. */
const writerRoles: ReadonlySet<OrganizationRole> = new Set(['owner', 'member']);

export function roleIn(state: State, principal: Principal, organizationId: string): OrganizationRole | undefined {
  return state.memberships.find((m) => m.user_id === principal.user.id && m.organization_id === organizationId)?.role;
}

/** An organization the caller belongs to; others are reported as not found (no existence leak). */
export function visibleOrganization(state: State, principal: Principal, organizationId: string): StoredOrganization {
  const organization = state.organizations.find((o) => o.id === organizationId);
  if (!organization || !roleIn(state, principal, organizationId)) {
    throw new HttpError(404, `Organization ${organizationId} not found.`);
  }
  return organization;
}

export function visibleWorkspace(state: State, principal: Principal, workspaceId: string): StoredWorkspace {
  const workspace = state.workspaces.find((w) => w.id === workspaceId);
  if (!workspace || !roleIn(state, principal, workspace.organization_id)) {
    throw new HttpError(404, `Workspace ${workspaceId} not found.`);
  }
  return workspace;
}

export function mayWrite(state: State, principal: Principal, organizationId: string): boolean {
  const role = roleIn(state, principal, organizationId);
  return role !== undefined && writerRoles.has(role);
}

export function requireWriter(state: State, principal: Principal, organizationId: string): void {
  const role = roleIn(state, principal, organizationId);
  if (!role || !writerRoles.has(role)) {
    throw new HttpError(
      403,
      `Your role in organization ${organizationId} (${role ?? 'none'}) cannot change it; ask an owner.`,
    );
  }
}

export function paginate<T>(items: T[], query: { limit: number; offset: number }) {
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
}
