/**
 * dlt's `lancedb` destination: `LanceDBClientConfiguration` (embedding provider and model) with
 * `LanceDBCredentials`: the database `uri` (a local folder by default, `db://…` for LanceDB Cloud), its
 * API key and the embedding provider's key.
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
] as const;

export const lancedbConfigSchema = z.object({
  ...dwhShape,
  dataset_separator: z.string().default('_'),
  /** `LanceDBClientOptions` (`max_retries`). */
  options: z.record(z.string(), z.unknown()).optional(),
  embedding_model_provider: z.enum(LANCEDB_EMBEDDING_PROVIDERS).default('cohere'),
  embedding_model: z.string().default('embed-english-v3.0'),
  embedding_model_dimensions: z.number().int().default(1024),
});

export const lancedbCredentialsSchema = z.object({
  uri: z.string().default('./.lancedb'),
  api_key: z.string(),
  // dlt types it as plain text, not as a secret.
  embedding_model_provider_api_key: z.string(),
});

export const lancedbDestination = defineDestination({
  type: 'lancedb',
  description: 'LanceDB vector database (local folder or LanceDB Cloud)',
  configSchema: lancedbConfigSchema,
  credentialsSchemas: [
    {
      name: 'lancedb',
      description: 'LanceDB database URI, its API key and the embedding provider API key',
      schema: lancedbCredentialsSchema,
      secretFields: ['api_key'],
    },
  ],
  scaffold: {
    dev: { config: {}, credentials: { api_key: CONFIGURE_ME, embedding_model_provider_api_key: CONFIGURE_ME } },
    prod: {
      config: {},
      credentials: { uri: CONFIGURE_ME, api_key: CONFIGURE_ME, embedding_model_provider_api_key: CONFIGURE_ME },
    },
  },
  pythonRequirements: () => ['dlt[lancedb]'],
});
