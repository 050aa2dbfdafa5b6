/**
 * dlt's `bigquery` destination: `BigQueryClientConfiguration` (location, project and timeouts at the
 * destination level) with Google Cloud credentials: a service account, OAuth, or the machine's defaults.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, dwhConfigShape, gcpCredentialsVariants } from '@dlthub/destination-kit';

export const bigqueryConfigSchema = z.object({
  ...dwhConfigShape,
  location: z.string().default('US'),
  project_id: z.string().optional(),
  http_timeout: z.number().default(15.0),
  file_upload_timeout: z.number().default(30 * 60.0),
  retry_deadline: z.number().default(60.0),
  batch_size: z.number().int().default(500),
  has_case_sensitive_identifiers: z.boolean().default(true),
  should_set_case_sensitivity_on_new_dataset: z.boolean().default(false),
  autodetect_schema: z.boolean().default(false),
  ignore_unknown_values: z.boolean().default(false),
});

const serviceAccountPlaceholders = { project_id: CONFIGURE_ME, private_key: CONFIGURE_ME, client_email: CONFIGURE_ME };

export const bigqueryDestination = defineDestination({
  type: 'bigquery',
  description: 'Google BigQuery',
  configSchema: bigqueryConfigSchema,
  credentialsSchemas: gcpCredentialsVariants,
  scaffold: {
    dev: { config: { location: 'US' }, credentials: serviceAccountPlaceholders },
    prod: { config: { location: 'US' }, credentials: serviceAccountPlaceholders },
  },
  pythonRequirements: () => ['dlt[bigquery]'],
});
