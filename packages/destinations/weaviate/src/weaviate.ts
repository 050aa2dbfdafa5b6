/**
 * dlt's `weaviate` destination: `WeaviateClientConfiguration` (batching, timeouts, vectorizer) with
 * `WeaviateCredentials`: the instance `url`, an `api_key` (plain text in dlt) and extra headers
 * (e.g. `X-OpenAI-Api-Key`).
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, dwhShape } from '@dlthub/destination-kit';

export const weaviateConfigSchema = z.object({
  ...dwhShape,
  batch_size: z.number().int().default(100),
  batch_workers: z.number().int().default(1),
  batch_consistency: z.enum(['ONE', 'QUORUM', 'ALL']).default('ONE'),
  batch_retries: z.number().int().default(5),
  conn_timeout: z.number().default(10.0),
  read_timeout: z.number().default(3 * 60.0),
  startup_period: z.number().int().default(5),
  dataset_separator: z.string().default('_'),
  vectorizer: z.string().default('text2vec-openai'),
  module_config: z
    .record(z.string(), z.record(z.string(), z.string()))
    .default({ 'text2vec-openai': { model: 'ada', modelVersion: '002', type: 'text' } }),
});

export const weaviateCredentialsSchema = z.object({
  url: z.string().default('http://localhost:8080'),
  api_key: z.string().optional(),
  additional_headers: z.record(z.string(), z.string()).optional(),
});

export const weaviateDestination = defineDestination({
  type: 'weaviate',
  description: 'Weaviate vector database',
  configSchema: weaviateConfigSchema,
  credentialsSchemas: [
    {
      name: 'weaviate',
      description: 'Weaviate instance URL, API key and extra headers',
      schema: weaviateCredentialsSchema,
      secretFields: [],
    },
  ],
  scaffold: {
    dev: { config: {}, credentials: { url: 'http://localhost:8080' } },
    prod: { config: {}, credentials: { url: CONFIGURE_ME, api_key: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[weaviate]'],
});
