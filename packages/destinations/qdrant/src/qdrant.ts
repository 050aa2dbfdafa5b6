/**
 * dlt's `qdrant` destination: `QdrantClientConfiguration` (where the instance is: `qd_location` or a local
 * `qd_path`; embedding and upload batching; client `options`, an embedded `QdrantClientOptions` in its own
 * section `[destination.<name>.options]`) with `QdrantCredentials`: the `api_key`, which dlt types as plain
 * text, plus the older `location`/`path` that dlt still reads there and copies to `qd_location`/`qd_path`
 * when those are unset. An in-memory instance (`:memory:`) cannot be a destination.
 */
import { z } from 'zod';
import {
  defineDestination,
  FieldValueRejected,
  type CredentialsVariant,
  type ResolvedFields,
} from '@dlthub/config-core';
import { CONFIGURE_ME, dwhShape } from '@dlthub/destination-kit';

export const qdrantConfigSchema = z.object({
  ...dwhShape,
  /** A URL, or none for localhost. */
  qd_location: z.string().optional(),
  /** Persistence path of a local (embedded) Qdrant. */
  qd_path: z.string().optional(),
  dataset_separator: z.string().default('_'),
  embedding_batch_size: z.number().int().default(32),
  embedding_parallelism: z.number().int().default(0),
  upload_batch_size: z.number().int().default(64),
  upload_parallelism: z.number().int().default(1),
  upload_max_retries: z.number().int().default(3),
  model: z.string().default('BAAI/bge-small-en'),
});

export const qdrantCredentialsSchema = z.object({
  /** Deprecated in dlt in favour of the destination's `qd_location`. */
  location: z.string().optional(),
  api_key: z.string().optional(),
  /** Deprecated in dlt in favour of the destination's `qd_path`. */
  path: z.string().optional(),
});

/** dlt's `QdrantClientOptions` (dlt/destinations/impl/qdrant/configuration.py), passed to the client as keyword arguments. */
export const qdrantOptionsSchema = z.object({
  /** REST API port. */
  port: z.number().int().default(6333),
  grpc_port: z.number().int().default(6334),
  prefer_grpc: z.boolean().default(false),
  https: z.boolean().default(false),
  /** Added to the REST URL path, e.g. `service/v1`. */
  prefix: z.string().optional(),
  /** Seconds, for REST and gRPC requests. */
  timeout: z.number().int().optional(),
  /** Host name; localhost when neither it nor a location is given. */
  host: z.string().optional(),
});

const qdrantOptionsVariant: CredentialsVariant = {
  name: 'options',
  description: 'Qdrant client options',
  schema: qdrantOptionsSchema,
  secretFields: [],
};

/**
 * dlt's `QdrantClientConfiguration.on_resolved`: the older `location`/`path` of the credentials stand in
 * for an unset `qd_location`/`qd_path` (a relative `qd_path` is then placed in the local data dir by dlt).
 */
export function takeOverCredentialsLocation({ config, credentials }: ResolvedFields): ResolvedFields {
  const fixed = { ...config };
  if (credentials.location?.value && !config.qd_location?.value) fixed.qd_location = credentials.location;
  if (credentials.path?.value && !config.qd_path?.value) fixed.qd_path = credentials.path;
  return { config: fixed, credentials };
}

/** dlt's `QdrantCredentials.on_resolved`: an in-memory instance would lose every load. */
export function refuseInMemoryQdrant(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (fields.location === ':memory:') {
    throw new FieldValueRejected(
      'location',
      'is an in-memory Qdrant, which cannot be a destination; give a URL as qd_location or a folder as qd_path',
    );
  }
  return { ...fields };
}

export const qdrantDestination = defineDestination({
  type: 'qdrant',
  description: 'Qdrant vector database',
  configSchema: qdrantConfigSchema,
  nested: { options: { description: 'Qdrant client options', variants: [qdrantOptionsVariant], secret: false } },
  onResolved: takeOverCredentialsLocation,
  credentialsSchemas: [
    {
      name: 'qdrant',
      description: 'Qdrant API key (and the older location/path)',
      schema: qdrantCredentialsSchema,
      secretFields: [],
      onResolved: refuseInMemoryQdrant,
    },
  ],
  scaffold: {
    dev: { config: { qd_location: 'http://localhost:6333' }, credentials: {} },
    prod: { config: { qd_location: CONFIGURE_ME }, credentials: { api_key: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[qdrant]'],
});
