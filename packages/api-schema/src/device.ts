import { z } from 'zod';

/**
 * Device authorization grant (RFC 8628). The CLI is a public client: it sends only a client id.
 * Requests may be JSON or form-encoded (§3.1); the server answers JSON.
 */
export const deviceGrantType = 'urn:ietf:params:oauth:grant-type:device_code';
export const defaultDeviceClientId = 'dlthub-cli';

export const DeviceCodeRequestSchema = z.object({
  client_id: z.string().min(1).default(defaultDeviceClientId),
  scope: z.string().optional(),
});
export type DeviceCodeRequest = z.input<typeof DeviceCodeRequestSchema>;

/** RFC 8628 §3.2. `interval` is optional in the RFC; a client must then use 5 s. */
export const DeviceCodeResponseSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.url(),
  verification_uri_complete: z.url().optional(),
  expires_in: z.number().int().positive(),
  interval: z.number().int().positive().optional(),
});
export type DeviceCodeResponse = z.infer<typeof DeviceCodeResponseSchema>;
export const defaultPollIntervalSeconds = 5;

export const DeviceTokenRequestSchema = z.object({
  device_code: z.string().min(1),
  grant_type: z.literal(deviceGrantType).optional(),
  client_id: z.string().optional(),
});
export type DeviceTokenRequest = z.input<typeof DeviceTokenRequestSchema>;

/** RFC 6749 §5.1 success answer. */
export const DeviceTokenSuccessSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().int().positive().optional(),
});
export type DeviceTokenSuccess = z.infer<typeof DeviceTokenSuccessSchema>;

/** RFC 8628 §3.5 error codes; GitHub also spells expiry `token_expired`. */
export const deviceTokenErrorCodes = ['authorization_pending', 'slow_down', 'expired_token', 'access_denied'] as const;
export type DeviceTokenErrorCode = (typeof deviceTokenErrorCodes)[number];

/** RFC 6749 §5.2 error body. Unknown codes stay strings so a client can stop and report them. */
export const DeviceTokenErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
  interval: z.number().int().positive().optional(),
});
export type DeviceTokenError = z.infer<typeof DeviceTokenErrorSchema>;
