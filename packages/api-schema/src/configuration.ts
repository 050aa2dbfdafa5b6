import { createHash } from 'node:crypto';
import { isMachineOnlyProfile, PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from '@dlthub/config-core/profile-name';
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** Uploads larger than this are refused with 413 (dlt-semantics §7.8: large uploads fail with 413). */
export const configurationMaxBytes = 1024 * 1024;

/** The toolkit's one profile-name rule (config-core), so the server accepts every profile the CLI lets you create. */
export const profileNamePattern = PROFILE_NAME_PATTERN;

/** One TOML pair as text: exactly what is in `<profile>.config.toml` / `<profile>.secrets.toml`. */
export const TomlPairSchema = z.object({
  config: z.string(),
  secrets: z.string(),
});
export type TomlPair = z.infer<typeof TomlPairSchema>;

export const ConfigurationContentSchema = z.object({
  profiles: z.record(
    z
      .string()
      .regex(profileNamePattern, `profile names are ${PROFILE_NAME_RULE}`)
      .refine((name) => !isMachineOnlyProfile(name), {
        message: 'local profiles (dev, tests) are never synced',
      }),
    TomlPairSchema,
  ),
  /** The workspace-scoped files `.dlt/config.toml` and `.dlt/secrets.toml`. */
  workspace: TomlPairSchema,
});
export type ConfigurationContent = z.infer<typeof ConfigurationContentSchema>;

/** `POST /api/v1/workspaces/{id}/configurations`. `content_hash`, when sent, must match the server's. */
export const ConfigurationUploadRequestSchema = ConfigurationContentSchema.extend({
  content_hash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
});
export type ConfigurationUploadRequest = z.input<typeof ConfigurationUploadRequestSchema>;

/** What the server keeps about a version; the TOML text (secrets included) is never sent back. */
export const ConfigurationSchema = z.object({
  id: IdSchema,
  workspace_id: IdSchema,
  version: z.number().int().positive(),
  content_hash: z.string(),
  profiles: z.array(z.string()),
  size: z.number().int().nonnegative(),
  created_at: TimestampSchema,
});
export type Configuration = z.infer<typeof ConfigurationSchema>;

/** Answer of an upload: `created: false` when the content equals the latest version (dedupe). */
export const ConfigurationUploadResultSchema = ConfigurationSchema.extend({ created: z.boolean() });
export type ConfigurationUploadResult = z.infer<typeof ConfigurationUploadResultSchema>;

/** JSON with object keys sorted at every level, so equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The content hash client and server agree on: `sha256:` + hex of the canonical JSON of profiles and workspace files. */
export function configurationContentHash(content: ConfigurationContent): string {
  const canonical = canonicalJson({ profiles: content.profiles, workspace: content.workspace });
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}
