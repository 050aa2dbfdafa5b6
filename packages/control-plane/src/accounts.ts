import { randomUUID } from 'node:crypto';
import type { GitHubIdentity } from './github';
import type { StoredUser } from './state';
import type { Tx } from './store/types';

/** Name of the workspace a first sign-in gets in its personal organization. */
export const defaultWorkspaceName = 'default';

async function freeName(taken: (name: string) => Promise<boolean>, wanted: string, suffix: string): Promise<string> {
  return (await taken(wanted)) ? `${wanted}-${suffix}` : wanted;
}

/**
 * The user behind a GitHub identity (matched by GitHub's numeric id, which survives renames). A first
 * sign-in creates the user with a personal organization they own and a default workspace in it, so
 * a fresh server is usable without a seed file.
 */
export async function userForGitHubIdentity(tx: Tx, identity: GitHubIdentity, now: Date): Promise<StoredUser> {
  const existing = await tx.find('users', { github_id: identity.id });
  if (existing) {
    const updated = { ...existing, name: identity.name ?? existing.name, email: identity.email ?? existing.email };
    await tx.update('users', { id: existing.id }, { name: updated.name, email: updated.email });
    return updated;
  }
  const at = now.toISOString();
  const user: StoredUser = {
    id: randomUUID(),
    username: await freeName(
      async (n) => (await tx.find('users', { username: n })) !== undefined,
      identity.login,
      `gh${identity.id}`,
    ),
    email: identity.email,
    name: identity.name,
    created_at: at,
    github_id: identity.id,
  };
  const organization = {
    id: randomUUID(),
    name: await freeName(
      async (n) => (await tx.find('organizations', { name: n })) !== undefined,
      identity.login,
      `gh${identity.id}`,
    ),
    created_at: at,
  };
  await tx.insert('users', user);
  await tx.insert('organizations', organization);
  await tx.insert('memberships', { user_id: user.id, organization_id: organization.id, role: 'owner' });
  await tx.insert('workspaces', {
    id: randomUUID(),
    name: defaultWorkspaceName,
    description: 'Created at first sign-in.',
    organization_id: organization.id,
    repository: null,
    created_at: at,
  });
  return user;
}
