/**
 * dlt's `filesystem` destination: files in a local folder or a bucket. The credentials spec is chosen by
 * the scheme of `bucket_url` (normally set in config.toml), as dlt does.
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  DEFAULT_FILE_LAYOUT,
  redactConnectionUrl,
  stagingConfigShape,
  urlScheme,
} from '@dlthub/destination-kit';
import { CREDENTIALS_BY_SCHEME, filesystemCredentialsVariants } from './credentials';

export { DEFAULT_FILE_LAYOUT };

const SUPPORTED_SCHEMES = Object.keys(CREDENTIALS_BY_SCHEME)
  .map((scheme) => `${scheme}://`)
  .join(', ');

function hasSupportedScheme(bucketUrl: string): boolean {
  const scheme = urlScheme(bucketUrl);
  return scheme === null || Object.hasOwn(CREDENTIALS_BY_SCHEME, scheme);
}

/**
 * `FilesystemDestinationClientConfiguration`: the storage fields (`FilesystemConfiguration`), the staging
 * destination fields (`DestinationClientStagingConfiguration`, so also `replace_strategy` and the dataset
 * fields) and the filesystem destination's own options.
 */
export const filesystemConfigSchema = z.object({
  ...stagingConfigShape,
  // Checked here so the engine reports an unknown scheme with the key, file and line it came from.
  bucket_url: z.string().refine(hasSupportedScheme, {
    message: `the scheme is not supported; use a local path or one of ${SUPPORTED_SCHEMES}`,
  }),
  read_only: z.boolean().default(false),
  kwargs: z.record(z.string(), z.unknown()).optional(),
  client_kwargs: z.record(z.string(), z.unknown()).optional(),
  config_kwargs: z.record(z.string(), z.unknown()).optional(),
  deltalake_storage_options: z.record(z.string(), z.unknown()).optional(),
  deltalake_configuration: z.record(z.string(), z.string().nullable()).optional(),
  deltalake_streamed_exec: z.boolean().default(true),
  current_datetime: z.string().optional(),
  extra_placeholders: z.record(z.string(), z.unknown()).optional(),
  max_state_files: z.number().int().default(100),
  always_refresh_views: z.boolean().default(false),
  iceberg_table_properties: z.record(z.string(), z.string()).optional(),
  iceberg_namespace_properties: z.record(z.string(), z.string()).optional(),
});

/** Variant names for the resolved `bucket_url`; local paths and `file://` need no credentials. */
export function selectFilesystemCredentials(config: Readonly<Record<string, unknown>>): readonly string[] {
  const bucketUrl = config.bucket_url;
  if (typeof bucketUrl !== 'string') return [];
  const scheme = urlScheme(bucketUrl);
  if (scheme === null) return [];
  const variants = Object.hasOwn(CREDENTIALS_BY_SCHEME, scheme) ? CREDENTIALS_BY_SCHEME[scheme] : undefined;
  if (variants === undefined) {
    throw new DlthubError(
      'InvalidConfigValue',
      `The filesystem bucket_url ${JSON.stringify(redactConnectionUrl(bucketUrl))} has the unsupported scheme "${scheme}://".`,
      {
        keyPath: 'bucket_url',
        hint: `Use a local path or one of: ${SUPPORTED_SCHEMES}.`,
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
  // dlt[filesystem] brings s3fs; other buckets need their fsspec driver (dlt's gs/az/sftp extras).
  pythonRequirements: (config) => {
    const scheme = typeof config.bucket_url === 'string' ? urlScheme(config.bucket_url) : null;
    const driver: Partial<Record<string, string>> = {
      s3: 's3fs>=2022.4.0',
      gs: 'gcsfs>=2022.4.0',
      gcs: 'gcsfs>=2022.4.0',
      az: 'adlfs>=2024.7.0',
      abfs: 'adlfs>=2024.7.0',
      abfss: 'adlfs>=2024.7.0',
      adl: 'adlfs>=2024.7.0',
      azure: 'adlfs>=2024.7.0',
      sftp: 'paramiko>=3.3.0',
    };
    const extra = scheme === null ? undefined : driver[scheme];
    return extra ? ['dlt[filesystem]', extra] : ['dlt[filesystem]'];
  },
});
