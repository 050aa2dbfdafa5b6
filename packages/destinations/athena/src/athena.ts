/**
 * dlt's `athena` destination: `AthenaClientConfiguration` (the S3 `query_result_bucket`, work group and
 * data catalog) with `AwsCredentials`; without keys dlt uses the machine's AWS credential chain.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { awsCredentialsVariant, CONFIGURE_ME, dwhConfigShape } from '@dlthub/destination-kit';

export const athenaConfigSchema = z.object({
  ...dwhConfigShape,
  query_result_bucket: z.string(),
  athena_work_group: z.string().optional(),
  aws_data_catalog: z.string().default('awsdatacatalog'),
  staging_aws_data_catalog: z.string().optional(),
  /** Extra pyathena connection parameters. */
  connection_params: z.record(z.string(), z.unknown()).optional(),
  force_iceberg: z.boolean().optional(),
  /** Placeholders: `{dataset_name}`, `{table_name}`, `{location_tag}`. */
  table_location_layout: z.string().default('{dataset_name}/{table_name}'),
  table_properties: z.record(z.string(), z.string()).optional(),
  /** `LakeformationConfig`: `enabled` (false) and `tags`. */
  lakeformation_config: z.record(z.string(), z.unknown()).optional(),
  // Athena slows down on large information-schema queries, so dlt lowers the threshold from 1000.
  info_tables_query_threshold: z.number().int().default(90),
  db_location: z.string().optional(),
});

const keys = { aws_access_key_id: CONFIGURE_ME, aws_secret_access_key: CONFIGURE_ME, region_name: CONFIGURE_ME };

export const athenaDestination = defineDestination({
  type: 'athena',
  description: 'Amazon Athena over S3',
  configSchema: athenaConfigSchema,
  credentialsSchemas: [awsCredentialsVariant],
  scaffold: {
    dev: { config: { query_result_bucket: CONFIGURE_ME }, credentials: keys },
    prod: { config: { query_result_bucket: CONFIGURE_ME }, credentials: keys },
  },
  pythonRequirements: () => ['dlt[athena]'],
});
