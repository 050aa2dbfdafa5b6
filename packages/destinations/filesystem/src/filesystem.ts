/**
 * dlt's `filesystem` destination: files in a local folder or a bucket. The credentials spec is chosen by
 * the scheme of `bucket_url` (normally set in config.toml), as dlt does.
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import { CONFIGURE_ME, urlScheme } from '@dlthub/destination-kit';
import { CREDENTIALS_BY_SCHEME, filesystemCredentialsVariants } from './credentials';

/** dlt's default file layout inside the bucket. */
export const DEFAULT_FILE_LAYOUT = '{table_name}/{load_id}.{file_id}.{ext}';

export const filesystemConfigSchema = z.object({
  bucket_url: z.string(),
  read_only: z.boolean().default(false),
  kwargs: z.record(z.string(), z.unknown()).optional(),
  client_kwargs: z.record(z.string(), z.unknown()).optional(),
  deltalake_storage_options: z.record(z.string(), z.unknown()).optional(),
  layout: z.string().default(DEFAULT_FILE_LAYOUT),
  extra_placeholders: z.record(z.string(), z.unknown()).optional(),
  max_state_files: z.number().int().default(100),
  always_refresh_views: z.boolean().default(false),
});

/** Variant names for the resolved `bucket_url`; local paths and `file://` need no credentials. */
export function selectFilesystemCredentials(config: Readonly<Record<string, unknown>>): readonly string[] {
  const bucketUrl = config.bucket_url;
  if (typeof bucketUrl !== 'string') return [];
  const scheme = urlScheme(bucketUrl);
  if (scheme === null) return [];
  const variants = CREDENTIALS_BY_SCHEME[scheme];
  if (variants === undefined) {
    throw new DlthubError(
      'InvalidConfigValue',
      `The filesystem bucket_url "${bucketUrl}" has the unsupported scheme "${scheme}://".`,
      {
        keyPath: 'bucket_url',
        hint: `Use a local path or one of: ${Object.keys(CREDENTIALS_BY_SCHEME).map((s) => `${s}://`).join(', ')}.`,
      },
    );
  }
  return variants;
}

export const filesystemDestination = defineDestination({
  type: 'filesystem',
  description: 'Files in a local folder or a cloud bucket (s3, gs, az, sftp)',
  configSchema: filesystemConfigSchema,
  credentialsSchemas: filesystemCredentialsVariants,
  selectCredentials: selectFilesystemCredentials,
  scaffold: {
    // A relative bucket_url lands in the profile's local data dir.
    dev: { config: { bucket_url: '_storage' }, credentials: {} },
    prod: {
      config: { bucket_url: CONFIGURE_ME },
      credentials: { aws_access_key_id: CONFIGURE_ME, aws_secret_access_key: CONFIGURE_ME },
    },
  },
});
