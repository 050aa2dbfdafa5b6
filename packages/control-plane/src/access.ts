import type { IncomingMessage } from 'node:http';
import type { OrganizationRole } from '@dlthub/api-schema';
import { authenticate, type Principal } from './authenticate';
import type { Context } from './context';
import { HttpError } from './http';
import { pathParam } from './router';
import type { StoredOrganization, StoredWorkspace } from './state';
import type { Tx } from './store/types';

/** Who is asking: the user of a bearer credential or of a browser session; access depends on the user alone. */
export type Caller = Pick<Principal, 'user'>;

/** Organization roles that may change things (create workspaces, bind, upload); collaborators only read. */
const writerRoles: ReadonlySet<OrganizationRole> = new Set(['owner', 'member']);

export async function roleIn(tx: Tx, principal: Caller, organizationId: string): Promise<OrganizationRole | undefined> {
  return (await tx.find('memberships', { user_id: principal.user.id, organization_id: organizationId }))?.role;
}

/** An organization the caller belongs to; others are reported as not found (no existence leak). */
export async function visibleOrganization(
  tx: Tx,
  principal: Caller,
  organizationId: string,
): Promise<StoredOrganization> {
  const organization = await tx.find('organizations', { id: organizationId });
  if (!organization || !(await roleIn(tx, principal, organizationId))) {
    throw new HttpError(404, `Organization ${organizationId} not found.`);
  }
  return organization;
}

export async function visibleWorkspace(tx: Tx, principal: Caller, workspaceId: string): Promise<StoredWorkspace> {
  const workspace = await tx.find('workspaces', { id: workspaceId });
  if (!workspace || !(await roleIn(tx, principal, workspace.organization_id))) {
    throw new HttpError(404, `Workspace ${workspaceId} not found.`);
  }
  return workspace;
}

/** The caller of a `/workspaces/:id/…` request, and that workspace, which the caller must see (else 404). */
export async function callerAndWorkspace(
  ctx: Context,
  tx: Tx,
  req: IncomingMessage,
  params: Readonly<Record<string, string>>,
): Promise<{ principal: Principal; workspace: StoredWorkspace }> {
  const principal = await authenticate(ctx, tx, req);
  return { principal, workspace: await visibleWorkspace(tx, principal, pathParam(params, 'id')) };
}

export async function mayWrite(tx: Tx, principal: Caller, organizationId: string): Promise<boolean> {
  const role = await roleIn(tx, principal, organizationId);
  return role !== undefined && writerRoles.has(role);
}

export async function requireWriter(tx: Tx, principal: Caller, organizationId: string): Promise<void> {
  const role = await roleIn(tx, principal, organizationId);
  if (!role || !writerRoles.has(role)) {
    throw new HttpError(
      403,
      `Your role in organization ${organizationId} (${role ?? 'none'}) cannot change it; ask an owner.`,
    );
  }
}
