import { pathParam } from '../router';
import { PageQuerySchema, type Me, type MemberOrganization } from '@dlthub/api-schema';
import { visibleOrganization } from '../access';
import { authenticate } from '../authenticate';
import { sendJson, validate } from '../http';
import { paginate } from '../paging';
import type { Route } from '../router';
import type { StoredOrganization, StoredUser } from '../state';
import type { Tx } from '../store/types';
import { organizationView, userView } from '../views';

/** The user's organizations with their role, sorted by name. */
export async function memberOrganizations(tx: Tx, user: StoredUser): Promise<MemberOrganization[]> {
  const memberships = await tx.list('memberships', { user_id: user.id });
  const organizations: MemberOrganization[] = [];
  for (const membership of memberships) {
    const organization = await tx.find('organizations', { id: membership.organization_id });
    if (organization) organizations.push({ ...organizationView(organization), role: membership.role });
  }
  return organizations.sort((a, b) => a.name.localeCompare(b.name));
}

/** The organizations the user belongs to, by id. */
export async function memberOrganizationsById(tx: Tx, user: StoredUser): Promise<Map<string, StoredOrganization>> {
  const byId = new Map<string, StoredOrganization>();
  for (const membership of await tx.list('memberships', { user_id: user.id })) {
    const organization = await tx.find('organizations', { id: membership.organization_id });
    if (organization) byId.set(organization.id, organization);
  }
  return byId;
}

export const identityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/me',
    handle: async ({ ctx, req, res }) => {
      const me = await ctx.store.read(async (tx): Promise<Me> => {
        const principal = await authenticate(ctx, tx, req);
        return {
          user: userView(principal.user),
          organizations: await memberOrganizations(tx, principal.user),
          auth: principal.auth,
        };
      });
      sendJson(res, 200, me);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations',
    handle: async ({ ctx, req, res, url }) => {
      const organizations = await ctx.store.read(async (tx) =>
        memberOrganizations(tx, (await authenticate(ctx, tx, req)).user),
      );
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      sendJson(res, 200, paginate(organizations, query));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations/:id',
    handle: async ({ ctx, req, res, params }) => {
      const answer = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        const organization = await visibleOrganization(tx, principal, pathParam(params, 'id'));
        const membership = await tx.find('memberships', {
          user_id: principal.user.id,
          organization_id: organization.id,
        });
        return { ...organizationView(organization), role: membership!.role };
      });
      sendJson(res, 200, answer);
    },
  },
];
