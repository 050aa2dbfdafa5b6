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

/** `GcpCredentials` fields every Google spec has (the two URIs are fixed by dlt). */
const gcpBaseShape = {
  token_uri: z.string().default('https://oauth2.googleapis.com/token'),
  auth_uri: z.string().default('https://accounts.google.com/o/oauth2/auth'),
  project_id: z.string(),
};

export const gcpServiceAccountSchema = z.object({
  ...gcpBaseShape,
  private_key: z.string(),
  private_key_id: z.string().optional(),
  client_email: z.string(),
  type: z.string().default('service_account'),
});

export const gcpOAuthSchema = z.object({
  ...gcpBaseShape,
  client_id: z.string(),
  client_secret: z.string(),
  refresh_token: z.string(),
  scopes: z.array(z.string()).optional(),
  token: z.string().optional(),
  client_type: z.string().default('installed'),
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

/** dlt's `GcpServiceAccountCredentials.on_resolved`: the private key gets its trailing newline (complete credentials only). */
export function serviceAccountFixups(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return typeof fields.private_key === 'string'
    ? { ...fields, private_key: ensureTrailingNewline(fields.private_key) }
    : { ...fields };
}

export const gcpServiceAccountVariant: CredentialsVariant = {
  name: 'service_account',
  description: 'Google Cloud service account key (the JSON key file, or its fields)',
  schema: gcpServiceAccountSchema,
  secretFields: ['private_key'],
  parseNative: nativeParser(gcpServiceAccountSchema, parseServiceAccountJson, { jsonFallback: false }),
  onResolved: serviceAccountFixups,
};

export const gcpOAuthVariant: CredentialsVariant = {
  name: 'oauth',
  description: 'Google OAuth desktop-app client with a refresh token',
  schema: gcpOAuthSchema,
  secretFields: ['client_secret', 'refresh_token', 'token'],
  parseNative: nativeParser(gcpOAuthSchema, parseOAuthJson, { jsonFallback: false }),
};

/** Machine default credentials alone (kept for plugins that list it; dlt's unions do not). */
export const gcpDefaultVariant: CredentialsVariant = {
  name: 'default',
  description: 'Application default credentials of the machine (gcloud auth, workload identity)',
  schema: gcpDefaultSchema,
  secretFields: [],
};

/**
 * dlt's Google credentials union, in its order: service account, then OAuth. The machine's default
 * credentials are a fallback inside each member at connect time, not a third member.
 */
export const gcpCredentialsVariants: readonly CredentialsVariant[] = [gcpServiceAccountVariant, gcpOAuthVariant];
