/**
 * Google Cloud credentials as dlt specs them (`GcpServiceAccountCredentials`, `GcpOAuthCredentials`,
 * `GcpDefaultCredentials`), shared by bigquery and by filesystem on `gs://`/`gcs://`/`gdrive://`.
 */
import { z } from 'zod';
import type { CredentialsVariant } from '@dlthub/config-core';
import { DlthubError } from '@dlthub/config-core';
import { nativeParser, parseJsonObject } from './fields';

/** dlt appends a newline to a service-account private key that lacks one: the PEM parser needs it. */
export function ensureTrailingNewline(value: string): string {
  return value.length > 0 && !value.endsWith('\n') ? `${value}\n` : value;
}

export const gcpServiceAccountSchema = z.object({
  project_id: z.string(),
  private_key: z.string().overwrite(ensureTrailingNewline),
  private_key_id: z.string().optional(),
  client_email: z.string(),
});

export const gcpOAuthSchema = z.object({
  project_id: z.string(),
  client_id: z.string(),
  client_secret: z.string(),
  refresh_token: z.string(),
  scopes: z.array(z.string()).optional(),
  token: z.string().optional(),
});

export const gcpDefaultSchema = z.object({
  project_id: z.string().optional(),
});

function notJson(what: string): DlthubError {
  // The text is never echoed: it would hold a private key or client secret.
  return new DlthubError('ConfigValueCannotBeCoerced', `The native ${what} value is not a JSON object.`, {
    hint: `Paste the whole ${what} JSON document as one string, or give its fields one by one.`,
  });
}

function parseServiceAccountJson(native: string): Record<string, unknown> {
  const info = parseJsonObject(native);
  if (!info) throw notJson('service-account key');
  if (info.type !== undefined && info.type !== 'service_account') {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `The JSON document given as service-account credentials has "type": ${JSON.stringify(info.type)}, not "service_account".`,
      { hint: 'Download a key of the service account (IAM → Service accounts → Keys), or use OAuth credentials.' },
    );
  }
  return info;
}

function parseOAuthJson(native: string): Record<string, unknown> {
  let info = parseJsonObject(native);
  if (!info) throw notJson('OAuth client');
  // A client-secrets file wraps everything in its app type ({"installed": {...}}), which dlt unwraps.
  const values = Object.values(info);
  if (values.length === 1 && typeof values[0] === 'object' && values[0] !== null && !Array.isArray(values[0])) {
    info = values[0] as Record<string, unknown>;
  }
  return info;
}

function normalizeServiceAccount(fields: Record<string, unknown>): Record<string, unknown> {
  return typeof fields.private_key === 'string'
    ? { ...fields, private_key: ensureTrailingNewline(fields.private_key) }
    : fields;
}

export const gcpServiceAccountVariant: CredentialsVariant = {
  name: 'service_account',
  description: 'Google Cloud service account key (the JSON key file, or its fields)',
  schema: gcpServiceAccountSchema,
  secretFields: ['private_key'],
  parseNative: nativeParser(gcpServiceAccountSchema, parseServiceAccountJson, {
    normalize: normalizeServiceAccount,
    jsonFallback: false,
  }),
};

export const gcpOAuthVariant: CredentialsVariant = {
  name: 'oauth',
  description: 'Google OAuth desktop-app client with a refresh token',
  schema: gcpOAuthSchema,
  secretFields: ['client_secret', 'refresh_token', 'token'],
  parseNative: nativeParser(gcpOAuthSchema, parseOAuthJson, { jsonFallback: false }),
};

export const gcpDefaultVariant: CredentialsVariant = {
  name: 'default',
  description: 'Application default credentials of the machine (gcloud auth, workload identity)',
  schema: gcpDefaultSchema,
  secretFields: [],
};

/** In dlt's union order: explicit service account, then OAuth, then the machine's default credentials. */
export const gcpCredentialsVariants: readonly CredentialsVariant[] = [
  gcpServiceAccountVariant,
  gcpOAuthVariant,
  gcpDefaultVariant,
];
