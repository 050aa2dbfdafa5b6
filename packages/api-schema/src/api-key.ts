import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** dltHub API keys start with `dlt_`; user keys with `dlt_u_` (they act as the user everywhere). */
export const apiKeyPrefix = 'dlt_';
export const userApiKeyPrefix = 'dlt_u_';
export const apiKeyExpiryDaysMin = 1;
export const apiKeyExpiryDaysMax = 365;
export const apiKeyExpiryDaysDefault = 90;

export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expires_in_days: z.number().int().min(apiKeyExpiryDaysMin).max(apiKeyExpiryDaysMax).default(apiKeyExpiryDaysDefault),
});
export type CreateApiKeyRequest = z.input<typeof CreateApiKeyRequestSchema>;

/** An API key as listed: never the key itself, only a short prefix to recognise it. */
export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  key_prefix: z.string().startsWith(apiKeyPrefix),
  created_at: TimestampSchema,
  expires_at: TimestampSchema,
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** Answer of `POST /api/v1/api-keys`: the plaintext key is shown this one time only. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string().startsWith(apiKeyPrefix) });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
