/**
 * dlt's `ducklake` destination: `DuckLakeClientConfiguration` with `DuckLakeCredentials`, which embed two
 * configurations, each in its own section one level below the credentials:
 * - `catalog`: the metadata database, any `ConnectionStringCredentials` (`sqlite:///…`, `duckdb:///…`,
 *   `postgres://…`); when nothing configures it dlt uses `<ducklake_name>.sqlite` in the local data dir.
 * - `storage`: a `FilesystemConfiguration` (`bucket_url`, with credentials chosen by its scheme); when no
 *   `bucket_url` is configured dlt uses the local folder `<ducklake_name>.files`.
 * The credentials themselves are `DuckDbBaseCredentials`, so they carry the connection-string fields too.
 */
import { z } from 'zod';
import { defineDestination, DlthubError, type CredentialsVariant } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  connectionStringVariant,
  duckdbOptionsShape,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  sqlalchemyCredentialsShape,
  stripPassword,
  urlScheme,
} from '@dlthub/destination-kit';
import { filesystemCredentialsVariants, selectFilesystemCredentials } from '@dlthub/destination-filesystem';

export const DEFAULT_DUCKLAKE_NAME = 'ducklake';

export const ducklakeConfigSchema = z.object({
  ...dwhConfigShape,
  create_indexes: z.boolean().default(false),
  override_data_path: z.boolean().default(false),
  automatic_migration: z.boolean().default(false),
});

/**
 * `DuckLakeCredentials` derive from `DuckDbBaseCredentials`, a `ConnectionStringCredentials`: its fields
 * are read (a `password` is a secret wherever it is put) though the lake attaches through the catalog.
 */
export const ducklakeCredentialsSchema = z.object({
  ...sqlalchemyCredentialsShape,
  drivername: sqlalchemyCredentialsShape.drivername.optional(),
  ducklake_name: z.string().default(DEFAULT_DUCKLAKE_NAME),
  metadata_schema: z.string().optional(),
  ...duckdbOptionsShape,
});

const NATIVE_EXAMPLE = '"duckdb:///lake.duckdb", any database URL, or a file path';

/**
 * `DuckDbBaseCredentials.parse_native_representation` (dlt/destinations/impl/duckdb/configuration.py): a
 * database URL of any driver, else `:pipeline:` or a file path (pathvalidate: no control characters) as
 * the `database`.
 */
function parseDucklakeNative(native: string): Record<string, unknown> {
  if (urlScheme(native) !== null) return { ...parseConnectionUrl(native, { example: NATIVE_EXAMPLE }) };
  if (native.trim().length > 0 && !/[\u0000-\u001f]/.test(native)) return { database: native };
  throw new DlthubError('ConfigValueCannotBeCoerced', 'The ducklake credentials string is not a URL or a file path.', {
    hint: `Use ${NATIVE_EXAMPLE}, or give the credentials as a table.`,
  });
}

/** `catalog`: generic connection-string credentials, the URL's scheme naming the driver. */
export const ducklakeCatalogVariant = connectionStringVariant({
  type: 'ducklake catalog',
  description: 'DuckLake catalog database',
  schema: z.object(sqlalchemyCredentialsShape),
  schemes: /^[A-Za-z][\w+]*$/,
  example: 'postgres://loader:password@localhost:5432/ducklake_catalog',
  keepDrivername: true,
});

/** `storage`: `FilesystemConfiguration` fields, its credentials picked by the `bucket_url` scheme. */
export const ducklakeStorageSchema = z.object({
  bucket_url: z.string(),
  read_only: z.boolean().default(false),
  kwargs: z.record(z.string(), z.unknown()).optional(),
  client_kwargs: z.record(z.string(), z.unknown()).optional(),
});

const storageVariant: CredentialsVariant = {
  name: 'storage',
  description: 'DuckLake data files: a local folder or a bucket',
  schema: ducklakeStorageSchema,
  secretFields: [],
  nested: {
    credentials: {
      description: 'bucket credentials, chosen by the bucket_url scheme',
      variants: filesystemCredentialsVariants,
      select: selectFilesystemCredentials,
    },
  },
};

const lakeName = (parent: Readonly<Record<string, unknown>>) =>
  typeof parent.ducklake_name === 'string' ? parent.ducklake_name : DEFAULT_DUCKLAKE_NAME;

export const ducklakeDestination = defineDestination({
  type: 'ducklake',
  description: 'DuckLake: a catalog database plus Parquet files in a folder or bucket',
  configSchema: ducklakeConfigSchema,
  credentialsSchemas: [
    {
      name: 'ducklake',
      description: 'DuckLake name, catalog (credentials.catalog) and storage (credentials.storage)',
      schema: ducklakeCredentialsSchema,
      secretFields: ['password'],
      parseNative: nativeParser(ducklakeCredentialsSchema, parseDucklakeNative),
      // ConnectionStringCredentials.on_resolved (dlt calls every class's on_resolved in the MRO).
      onResolved: stripPassword,
      nested: {
        catalog: {
          description: 'catalog database connection',
          variants: [ducklakeCatalogVariant],
          fallback: (parent) => ({ drivername: 'sqlite', database: `${lakeName(parent)}.sqlite` }),
        },
        storage: {
          description: 'data file storage',
          variants: [storageVariant],
          secret: false,
          fallback: (parent) => ({ bucket_url: `${lakeName(parent)}.files` }),
          // DuckLakeCredentials.on_partial: a storage without `bucket_url` is replaced by a fresh local one,
          // whatever else was configured in it.
          fallbackWhen: (fields) => fields.bucket_url?.value === null || fields.bucket_url?.value === undefined,
        },
      },
    },
  ],
  scaffold: {
    // Locally the catalog and the files default to the profile's data dir.
    dev: { config: {}, credentials: {} },
    prod: {
      config: {},
      credentials: {
        catalog: {
          drivername: 'postgres',
          database: CONFIGURE_ME,
          username: CONFIGURE_ME,
          password: CONFIGURE_ME,
          host: CONFIGURE_ME,
        },
        storage: { bucket_url: CONFIGURE_ME },
      },
    },
  },
  pythonRequirements: () => ['dlt[ducklake]'],
});
