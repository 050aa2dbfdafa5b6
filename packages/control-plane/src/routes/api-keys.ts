import { randomUUID } from 'node:crypto';
import { CreateApiKeyRequestSchema, PageQuerySchema, userApiKeyPrefix, type CreatedApiKey } from '@dlthub/api-schema';
import { paginate } from '../access';
import { authenticate } from '../authenticate';
import { defaultBodyLimitBytes, HttpError, parseBody, readBody, sendJson, sendNoContent, validate } from '../http';
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
      const principal = authenticate(ctx, req);
      // Logout: the credential of this very request stops working everywhere, at once.
      await ctx.store.mutate((state) => {
        if (principal.auth === 'token') {
          state.access_tokens = state.access_tokens.filter((t) => t.token_hash !== principal.credentialHash);
        } else {
          state.api_keys = state.api_keys.filter((k) => k.key_hash !== principal.credentialHash);
        }
      });
      sendNoContent(res);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/api-keys',
    handle: async ({ ctx, req, res }) => {
      const principal = authenticate(ctx, req);
      const body = validate(
        CreateApiKeyRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const key = randomSecret(userApiKeyPrefix);
      const created = await ctx.store.mutate((state): CreatedApiKey => {
        const now = ctx.now();
        // A key (or login token) cannot mint a key that outlives it: the new one ends no later.
        const requested = now.getTime() + body.expires_in_days * dayMs;
        const expiresAt = new Date(Math.min(requested, principal.expiresAt.getTime()));
        const record = newApiKeyRecord(principal.user.id, body.name, key, now, expiresAt);
        state.api_keys.push(record);
        return { ...apiKeyView(record), key };
      });
      sendJson(res, 201, created);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/api-keys',
    handle: ({ ctx, req, res, url }) => {
      const principal = authenticate(ctx, req);
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      const keys = ctx.store.state.api_keys.filter((k) => k.user_id === principal.user.id).map(apiKeyView);
      sendJson(res, 200, paginate(keys, query));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    handle: async ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      await ctx.store.mutate((state) => {
        const index = state.api_keys.findIndex((k) => k.id === params.id && k.user_id === principal.user.id);
        if (index < 0) throw new HttpError(404, `API key ${params.id} not found.`);
        state.api_keys.splice(index, 1);
      });
      sendNoContent(res);
    },
  },
];
