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
  force_iceberg: z.boolean().optional(),
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
