/**
 * dlt's `dummy` destination: `DummyClientConfiguration`, a loader that writes nothing and fails, retries
 * or completes jobs with the configured probabilities (for testing pipelines). It has no credentials.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { destinationConfigShape, LOADER_FILE_FORMATS } from '@dlthub/destination-kit';

export const dummyConfigSchema = z.object({
  ...destinationConfigShape,
  loader_file_format: z.enum(LOADER_FILE_FORMATS).default('jsonl'),
  fail_schema_update: z.boolean().default(false),
  fail_prob: z.number().default(0.0),
  retry_prob: z.number().default(0.0),
  completed_prob: z.number().default(0.0),
  exception_prob: z.number().default(0.0),
  timeout: z.number().default(10.0),
  fail_in_init: z.boolean().default(true),
  create_followup_jobs: z.boolean().default(false),
});

export const dummyDestination = defineDestination({
  type: 'dummy',
  description: 'Loads nothing; fails or completes jobs with configured probabilities (for tests)',
  configSchema: dummyConfigSchema,
  credentialsSchemas: [],
  scaffold: { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } },
  pythonRequirements: () => ['dlt'],
});
