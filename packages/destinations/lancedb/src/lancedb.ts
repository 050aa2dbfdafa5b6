/**
 * dlt's `lancedb` destination: `LanceDBClientConfiguration` (the database location `lance_uri`, the
 * embedding provider and model, vector field and sentinel table names) with `LanceDBCredentials`: the
 * LanceDB Cloud API key and region, client and storage options, and the embedding provider's key.
 * dlt still reads a `uri` from the credentials (deprecated in favour of `lance_uri`).
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, dwhShape } from '@dlthub/destination-kit';

export const LANCEDB_EMBEDDING_PROVIDERS = [
  'gemini-text',
  'bedrock-text',
  'cohere',
  'gte-text',
  'imagebind',
  'instructor',
  'open-clip',
  'openai',
  'sentence-transformers',
  'huggingface',
  'colbert',
  'ollama',
] as const;

export const lancedbConfigSchema = z.object({
  ...dwhShape,
  /** A local folder (relative ones live in the pipeline's working folder) or `db://…` for LanceDB Cloud. */
  lance_uri: z.string().optional(),
  dataset_separator: z.string().default('___'),
  /** `LanceDBClientOptions` (`max_retries`, 3). */
  options: z.record(z.string(), z.unknown()).optional(),
  embedding_model_provider: z.enum(LANCEDB_EMBEDDING_PROVIDERS).default('cohere'),
  embedding_model_provider_host: z.string().optional(),
  embedding_model: z.string().default('embed-english-v3.0'),
  /** Inferred by LanceDB from the model when unset. */
  embedding_model_dimensions: z.number().int().optional(),
  vector_field_name: z.string().default('vector'),
  sentinel_table_name: z.string().default('dltSentinelTable'),
});

export const lancedbCredentialsSchema = z.object({
  /** Deprecated by dlt: it becomes `lance_uri` when that is not set. */
  uri: z.string().optional(),
  api_key: z.string().optional(),
  region: z.string().default('us-east-1'),
  host_override: z.string().optional(),
  /** Seconds; unset disables read consistency. */
  read_consistency_interval: z.number().optional(),
  client_config: z.record(z.string(), z.unknown()).optional(),
  /** Object store credentials for the Rust client. */
  storage_options: z.record(z.string(), z.unknown()).optional(),
  // dlt types it as plain text, not as a secret.
  embedding_model_provider_api_key: z.string().optional(),
});

export const lancedbDestination = defineDestination({
  type: 'lancedb',
  description: 'LanceDB vector database (local folder or LanceDB Cloud)',
  configSchema: lancedbConfigSchema,
  credentialsSchemas: [
    {
      name: 'lancedb',
      description: 'LanceDB Cloud API key and region, client options and the embedding provider API key',
      schema: lancedbCredentialsSchema,
      secretFields: ['api_key'],
    },
  ],
  scaffold: {
    dev: { config: {}, credentials: { embedding_model_provider_api_key: CONFIGURE_ME } },
    prod: {
      config: { lance_uri: CONFIGURE_ME },
      credentials: { api_key: CONFIGURE_ME, embedding_model_provider_api_key: CONFIGURE_ME },
    },
  },
  pythonRequirements: () => ['dlt[lancedb]'],
});
