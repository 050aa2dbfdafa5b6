import { PageQuerySchema, type Me, type MemberOrganization } from '@dlthub/api-schema';
import { paginate, visibleOrganization } from '../access';
import { authenticate } from '../authenticate';
import { sendJson, validate } from '../http';
import type { Route } from '../router';
import type { State, StoredUser } from '../state';
import { organizationView, userView } from '../views';

export function memberOrganizations(state: State, user: StoredUser): MemberOrganization[] {
  return state.memberships
    .filter((m) => m.user_id === user.id)
    .flatMap((m) => {
      const organization = state.organizations.find((o) => o.id === m.organization_id);
      return organization ? [{ ...organizationView(organization), role: m.role }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const identityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/me',
    handle: ({ ctx, req, res }) => {
      const principal = authenticate(ctx, req);
      const me: Me = {
        user: userView(principal.user),
        organizations: memberOrganizations(ctx.store.state, principal.user),
        auth: principal.auth,
      };
      sendJson(res, 200, me);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations',
    handle: ({ ctx, req, res, url }) => {
      const principal = authenticate(ctx, req);
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      sendJson(res, 200, paginate(memberOrganizations(ctx.store.state, principal.user), query));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations/:id',
    handle: ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      const { state } = ctx.store;
      const organization = visibleOrganization(state, principal, params.id);
      const role = state.memberships.find(
        (m) => m.user_id === principal.user.id && m.organization_id === organization.id,
      )!.role;
      sendJson(res, 200, { ...organizationView(organization), role });
    },
  },
];
