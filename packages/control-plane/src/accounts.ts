import { randomUUID } from 'node:crypto';
import type { GitHubIdentity } from './github';
import type { State, StoredUser } from './state';

/** Name of the workspace a first sign-in gets in its personal organization. */
export const defaultWorkspaceName = 'default';

function freeName(taken: (name: string) => boolean, wanted: string, suffix: string): string {
  return taken(wanted) ? `${wanted}-${suffix}` : wanted;
}

/**
 * The user behind a GitHub identity (matched by GitHub's numeric id, which survives renames). A first
 * sign-in creates the user with a personal organization they own and a default workspace in it, so
 * a fresh server is usable without a seed file.
 */
export function userForGitHubIdentity(state: State, identity: GitHubIdentity, now: Date): StoredUser {
  const existing = state.users.find((u) => u.github_id === identity.id);
  if (existing) {
    existing.name = identity.name ?? existing.name;
    existing.email = identity.email ?? existing.email;
    return existing;
  }
  const at = now.toISOString();
  const user: StoredUser = {
    id: randomUUID(),
    username: freeName((n) => state.users.some((u) => u.username === n), identity.login, `gh${identity.id}`),
    email: identity.email,
    name: identity.name,
    created_at: at,
    github_id: identity.id,
  };
  const organization = {
    id: randomUUID(),
    name: freeName((n) => state.organizations.some((o) => o.name === n), identity.login, `gh${identity.id}`),
    created_at: at,
  };
  state.users.push(user);
  state.organizations.push(organization);
  state.memberships.push({ user_id: user.id, organization_id: organization.id, role: 'owner' });
  state.workspaces.push({
    id: randomUUID(),
    name: defaultWorkspaceName,
    description: 'Created at first sign-in.',
    organization_id: organization.id,
    repository: null,
    created_at: at,
  });
  return user;
}
