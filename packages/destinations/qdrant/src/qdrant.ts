/**
 * dlt's `qdrant` destination: `QdrantClientConfiguration` (embedding and upload batching, client
 * `options`) with `QdrantCredentials`: a `location` (URL, `:memory:`, or none for localhost) and an
 * `api_key`, which dlt types as plain text.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, dwhShape } from '@dlthub/destination-kit';

export const qdrantConfigSchema = z.object({
  ...dwhShape,
  dataset_separator: z.string().default('_'),
  embedding_batch_size: z.number().int().default(32),
  embedding_parallelism: z.number().int().default(0),
  upload_batch_size: z.number().int().default(64),
  upload_parallelism: z.number().int().default(1),
  upload_max_retries: z.number().int().default(3),
  /** `QdrantClientOptions`: port (6333), grpc_port (6334), prefer_grpc, https, prefix, timeout, host, path. */
  options: z.record(z.string(), z.unknown()).optional(),
  model: z.string().default('BAAI/bge-small-en'),
});

export const qdrantCredentialsSchema = z.object({
  location: z.string().optional(),
  api_key: z.string().optional(),
});

export const qdrantDestination = defineDestination({
  type: 'qdrant',
  description: 'Qdrant vector database',
  configSchema: qdrantConfigSchema,
  credentialsSchemas: [
    {
      name: 'qdrant',
      description: 'Qdrant location (URL or ":memory:") and API key',
      schema: qdrantCredentialsSchema,
      secretFields: [],
    },
  ],
  scaffold: {
    dev: { config: {}, credentials: { location: 'http://localhost:6333' } },
    prod: { config: {}, credentials: { location: CONFIGURE_ME, api_key: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[qdrant]'],
});
