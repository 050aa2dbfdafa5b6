import type { ServerResponse } from 'node:http';
import {
  DeviceCodeRequestSchema,
  DeviceTokenRequestSchema,
  type DeviceCodeResponse,
  type DeviceTokenError,
  type DeviceTokenSuccess,
  type ErrorBody,
} from '@dlthub/api-schema';
import type { Context } from '../context';
import { defaultBodyLimitBytes, parseBody, readBody, sendJson } from '../http';
import { expiredCodeRetentionMs } from '../purge';
import { clientAddress } from '../rate-limit';
import type { Route } from '../router';
import { accessTokenPrefix, newUserCode, randomSecret, sha256Hex } from '../secrets';
import type { StoredDeviceCode } from '../state';
import type { Tx } from '../store/types';

/** RFC 8628 §3.5: a slow_down raises the interval by 5 s for this and every later poll. */
export const slowDownIncrementSeconds = 5;

/**
 * RFC 6749 §5.2 error answer of the device endpoints; it carries `status_code`/`detail` too, so
 * every error of the server has the one shape while OAuth clients read `error`.
 */
function sendGrantError(
  res: ServerResponse,
  error: string,
  description: string,
  extra: Partial<DeviceTokenError> = {},
): void {
  const body: DeviceTokenError & ErrorBody = {
    error,
    error_description: description,
    ...extra,
    status_code: 400,
    detail: description,
  };
  sendJson(res, 400, body);
}

async function uniqueUserCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = newUserCode();
    if (!(await tx.find('device_codes', { user_code: code }))) return code;
  }
}

export async function findPendingByUserCode(
  ctx: Context,
  tx: Tx,
  userCode: string,
): Promise<StoredDeviceCode | undefined> {
  const code = await tx.find('device_codes', { user_code: userCode, status: 'pending' }, { lock: true });
  return code && Date.parse(code.expires_at) > ctx.now().getTime() ? code : undefined;
}

export const deviceRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/auth/device/code',
    handle: async ({ ctx, req, res }) => {
      ctx.limiters.deviceCodes.take(clientAddress(req), 'device codes from this address');
      const parsed = DeviceCodeRequestSchema.safeParse(parseBody(req, await readBody(req, defaultBodyLimitBytes)));
      if (!parsed.success) {
        sendGrantError(res, 'invalid_request', 'client_id must be a non-empty string.');
        return;
      }
      const deviceCode = randomSecret('', 32);
      const answer = await ctx.store.write(async (tx): Promise<DeviceCodeResponse> => {
        const now = ctx.now();
        await tx.removeExpired('device_codes', new Date(now.getTime() - expiredCodeRetentionMs));
        const userCode = await uniqueUserCode(tx);
        await tx.insert('device_codes', {
          device_code_hash: sha256Hex(deviceCode),
          user_code: userCode,
          client_id: parsed.data.client_id,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + ctx.settings.deviceCodeTtlSeconds * 1000).toISOString(),
          interval: ctx.settings.pollIntervalSeconds,
          last_poll_at: null,
          status: 'pending',
          user_id: null,
        });
        const verificationUri = `${ctx.baseUrl()}/device`;
        return {
          device_code: deviceCode,
          user_code: userCode,
          verification_uri: verificationUri,
          verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
          expires_in: ctx.settings.deviceCodeTtlSeconds,
          interval: ctx.settings.pollIntervalSeconds,
        };
      });
      sendJson(res, 200, answer);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/auth/device/token',
    handle: async ({ ctx, req, res }) => {
      ctx.limiters.tokenPolls.take(clientAddress(req), 'token requests from this address');
      const parsed = DeviceTokenRequestSchema.safeParse(parseBody(req, await readBody(req, defaultBodyLimitBytes)));
      if (!parsed.success) {
        sendGrantError(res, 'invalid_request', 'device_code is required.');
        return;
      }
      const hash = sha256Hex(parsed.data.device_code);
      const accessToken = randomSecret(accessTokenPrefix);
      const outcome = await ctx.store.write(
        async (tx): Promise<{ token?: DeviceTokenSuccess; error?: [string, string, number?] }> => {
          const now = ctx.now().getTime();
          // Locked: two polls of an approved code must not both get a token.
          const code = await tx.find('device_codes', { device_code_hash: hash }, { lock: true });
          if (!code) return { error: ['invalid_grant', 'Unknown device code.'] };
          if (code.status === 'consumed') return { error: ['invalid_grant', 'This device code was already used.'] };
          if (Date.parse(code.expires_at) <= now) return { error: ['expired_token', 'The device code has expired.'] };
          if (code.status === 'denied') return { error: ['access_denied', 'The request was denied.'] };
          const lastPoll = code.last_poll_at === null ? null : Date.parse(code.last_poll_at);
          const where = { device_code_hash: hash };
          await tx.update('device_codes', where, { last_poll_at: new Date(now).toISOString() });
          if (code.status === 'approved' && code.user_id) {
            await tx.update('device_codes', where, { status: 'consumed' });
            await tx.insert('access_tokens', {
              token_hash: sha256Hex(accessToken),
              user_id: code.user_id,
              created_at: new Date(now).toISOString(),
              expires_at: new Date(now + ctx.settings.accessTokenTtlSeconds * 1000).toISOString(),
            });
            return {
              token: {
                access_token: accessToken,
                token_type: 'Bearer',
                expires_in: ctx.settings.accessTokenTtlSeconds,
              },
            };
          }
          if (lastPoll !== null && now - lastPoll < code.interval * 1000) {
            code.interval += slowDownIncrementSeconds;
            await tx.update('device_codes', where, { interval: code.interval });
            return {
              error: ['slow_down', `Polling too fast; wait ${code.interval} s between requests.`, code.interval],
            };
          }
          return { error: ['authorization_pending', 'The user has not approved the request yet.'] };
        },
      );
      if (outcome.token) {
        sendJson(res, 200, outcome.token);
        return;
      }
      const [error, description, interval] = outcome.error!;
      sendGrantError(res, error, description, interval === undefined ? {} : { interval });
    },
  },
];
