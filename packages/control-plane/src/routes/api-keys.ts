import { randomUUID } from 'node:crypto';
import { CreateApiKeyRequestSchema, PageQuerySchema, userApiKeyPrefix, type CreatedApiKey } from '@dlthub/api-schema';
import { authenticate, authenticated } from '../authenticate';
import { defaultBodyLimitBytes, HttpError, parseBody, readBody, sendJson, sendNoContent, validate } from '../http';
import { paginate } from '../paging';
import type { Route } from '../router';
import { randomSecret, sha256Hex } from '../secrets';
import type { StoredApiKey } from '../state';
import { apiKeyView } from '../views';

const dayMs = 24 * 3600 * 1000;
/** Enough of the key to recognise it in a list, far too little to use it. */
export const apiKeyDisplayPrefixLength = 10;

export function newApiKeyRecord(
  userId: string,
  name: string,
  key: string,
  createdAt: Date,
  expiresAt: Date,
): StoredApiKey {
  return {
    id: randomUUID(),
    user_id: userId,
    name,
    key_hash: sha256Hex(key),
    key_prefix: key.slice(0, apiKeyDisplayPrefixLength),
    created_at: createdAt.toISOString(),
    expires_at: expiresAt.toISOString(),
  };
}

export const apiKeyRoutes: Route[] = [
  {
    method: 'DELETE',
    path: '/api/v1/auth/token',
    handle: async ({ ctx, req, res }) => {
      // Logout: the credential of this very request stops working everywhere, at once.
      await ctx.store.write(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        if (principal.auth === 'token') await tx.remove('access_tokens', { token_hash: principal.credentialHash });
        else await tx.remove('api_keys', { key_hash: principal.credentialHash });
      });
      sendNoContent(res);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/api-keys',
    handle: async ({ ctx, req, res }) => {
      await authenticated(ctx, req);
      const body = validate(
        CreateApiKeyRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const key = randomSecret(userApiKeyPrefix);
      const created = await ctx.store.write(async (tx): Promise<CreatedApiKey> => {
        const principal = await authenticate(ctx, tx, req);
        const now = ctx.now();
        // A key (or login token) cannot mint a key that outlives it: the new one ends no later.
        const requested = now.getTime() + body.expires_in_days * dayMs;
        const expiresAt = new Date(Math.min(requested, principal.expiresAt.getTime()));
        const record = newApiKeyRecord(principal.user.id, body.name, key, now, expiresAt);
        await tx.insert('api_keys', record);
        return { ...apiKeyView(record), key };
      });
      sendJson(res, 201, created);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/api-keys',
    handle: async ({ ctx, req, res, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const keys = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        validate(PageQuerySchema, raw, 'query');
        return (await tx.list('api_keys', { user_id: principal.user.id })).map(apiKeyView);
      });
      sendJson(res, 200, paginate(keys, validate(PageQuerySchema, raw, 'query')));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    handle: async ({ ctx, req, res, params }) => {
      await ctx.store.write(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        const removed = await tx.remove('api_keys', { id: params.id, user_id: principal.user.id });
        if (removed === 0) throw new HttpError(404, `API key ${params.id} not found.`);
      });
      sendNoContent(res);
    },
  },
];
