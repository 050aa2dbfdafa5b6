import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { apiKeyPrefix, OrganizationRoleSchema, workspaceNamePattern } from '@dlthub/api-schema';
import { z } from 'zod';
import { newApiKeyRecord } from './routes/api-keys';
import { sha256Hex } from './secrets';
import type { StoredUser } from './state';
import type { Store, Tx } from './store/types';

const dayMs = 24 * 3600 * 1000;

/**
 * Seed file: demo users, organizations with members, workspaces and jobs, and optionally API keys
 * and login tokens with known plaintext (for tests). Applying a seed is idempotent: records are
 * matched by username, organization name, workspace name within its organization and key hash.
 */
export const SeedSchema = z.object({
  users: z
    .array(
      z.object({
        id: z.string().min(1).optional(),
        username: z.string().min(1),
        email: z.string().nullable().optional(),
        name: z.string().nullable().optional(),
      }),
    )
    .default([]),
  organizations: z
    .array(
      z.object({
        id: z.string().min(1).optional(),
        name: z.string().min(1),
        members: z.array(z.object({ username: z.string().min(1), role: OrganizationRoleSchema })).default([]),
        workspaces: z
          .array(
            z.object({
              id: z.string().min(1).optional(),
              name: z.string().regex(workspaceNamePattern),
              description: z.string().nullable().optional(),
              repository: z.string().min(1).nullable().optional(),
              jobs: z.array(z.string().min(1)).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  api_keys: z
    .array(
      z.object({
        username: z.string().min(1),
        name: z.string().min(1),
        key: z.string().startsWith(apiKeyPrefix),
        /** Absolute expiry (may be in the past, to test expired keys); default 90 days from now. */
        expires_at: z.iso.datetime().optional(),
      }),
    )
    .default([]),
  tokens: z
    .array(
      z.object({
        username: z.string().min(1),
        token: z.string().min(16),
        expires_at: z.iso.datetime().optional(),
      }),
    )
    .default([]),
});
export type Seed = z.input<typeof SeedSchema>;

export interface SeedSummary {
  users: number;
  organizations: number;
  workspaces: number;
  jobs: number;
  apiKeys: number;
  tokens: number;
}

export function readSeedFile(file: string): Seed {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read seed file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = SeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Seed file ${file} is invalid: ${issues}`);
  }
  return parsed.data;
}

async function requireUser(tx: Tx, username: string, where: string): Promise<StoredUser> {
  const user = await tx.find('users', { username });
  if (!user) throw new Error(`Seed ${where} names user "${username}", who is not in "users".`);
  return user;
}

/** Applies a seed to the store in one transaction: a bad seed changes nothing. Returns counts; never anything secret. */
export async function applySeed(store: Store, seed: Seed, now: Date = new Date()): Promise<SeedSummary> {
  const data = SeedSchema.parse(seed);
  const at = now.toISOString();
  return store.write(async (tx) => {
    // Validate every reference first, with the messages a seed author needs.
    const known = new Set([...(await tx.list('users')).map((u) => u.username), ...data.users.map((u) => u.username)]);
    for (const org of data.organizations) {
      for (const member of org.members) {
        if (!known.has(member.username))
          throw new Error(`Seed organization "${org.name}" names user "${member.username}", who is not in "users".`);
      }
    }
    for (const entry of [...data.api_keys, ...data.tokens]) {
      if (!known.has(entry.username))
        throw new Error(`Seed credential names user "${entry.username}", who is not in "users".`);
    }
    const summary: SeedSummary = { users: 0, organizations: 0, workspaces: 0, jobs: 0, apiKeys: 0, tokens: 0 };
    for (const input of data.users) {
      const existing = await tx.find('users', { username: input.username });
      if (existing) {
        await tx.update(
          'users',
          { id: existing.id },
          { email: input.email ?? existing.email, name: input.name ?? existing.name },
        );
        continue;
      }
      await tx.insert('users', {
        id: input.id ?? randomUUID(),
        username: input.username,
        email: input.email ?? null,
        name: input.name ?? null,
        created_at: at,
        github_id: null,
      });
      summary.users += 1;
    }
    for (const input of data.organizations) {
      let organization = await tx.find('organizations', { name: input.name });
      if (!organization) {
        organization = { id: input.id ?? randomUUID(), name: input.name, created_at: at };
        await tx.insert('organizations', organization);
        summary.organizations += 1;
      }
      const organizationId = organization.id;
      for (const member of input.members) {
        const user = await requireUser(tx, member.username, `organization "${input.name}"`);
        const where = { user_id: user.id, organization_id: organizationId };
        if (await tx.find('memberships', where)) await tx.update('memberships', where, { role: member.role });
        else await tx.insert('memberships', { ...where, role: member.role });
      }
      for (const ws of input.workspaces) {
        let workspace = await tx.find('workspaces', { organization_id: organizationId, name: ws.name });
        if (!workspace) {
          workspace = {
            id: ws.id ?? randomUUID(),
            name: ws.name,
            description: ws.description ?? null,
            organization_id: organizationId,
            repository: ws.repository ?? null,
            created_at: at,
          };
          await tx.insert('workspaces', workspace);
          summary.workspaces += 1;
        }
        const workspaceId = workspace.id;
        for (const jobName of ws.jobs) {
          if (await tx.find('jobs', { workspace_id: workspaceId, name: jobName })) continue;
          await tx.insert('jobs', { id: randomUUID(), name: jobName, workspace_id: workspaceId, active: true });
          summary.jobs += 1;
        }
      }
    }
    for (const input of data.api_keys) {
      const user = await requireUser(tx, input.username, 'api_keys');
      if (await tx.find('api_keys', { key_hash: sha256Hex(input.key) })) continue;
      const expiresAt = input.expires_at ? new Date(input.expires_at) : new Date(now.getTime() + 90 * dayMs);
      await tx.insert('api_keys', newApiKeyRecord(user.id, input.name, input.key, now, expiresAt));
      summary.apiKeys += 1;
    }
    for (const input of data.tokens) {
      const user = await requireUser(tx, input.username, 'tokens');
      const tokenHash = sha256Hex(input.token);
      if (await tx.find('access_tokens', { token_hash: tokenHash })) continue;
      await tx.insert('access_tokens', {
        token_hash: tokenHash,
        user_id: user.id,
        created_at: at,
        expires_at: input.expires_at ?? new Date(now.getTime() + 30 * dayMs).toISOString(),
      });
      summary.tokens += 1;
    }
    return summary;
  });
}

export function describeSeedSummary(summary: SeedSummary): string {
  return `seeded ${summary.users} users, ${summary.organizations} organizations, ${summary.workspaces} workspaces, ${summary.jobs} jobs, ${summary.apiKeys} API keys, ${summary.tokens} tokens`;
}
