/**
 * dlt's `redshift` destination: `RedshiftClientConfiguration` over postgres' configuration (plus
 * `staging_iam_role` and `has_case_sensitive_identifiers`) with `RedshiftCredentials`, postgres credentials on port 5439.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, connectionStringVariant } from '@dlthub/destination-kit';
import { postgresConfigSchema, postgresCredentialsSchema } from '@dlthub/destination-postgres';

const EXAMPLE = 'redshift://user:password@cluster.region.redshift.amazonaws.com:5439/database';

export const redshiftConfigSchema = postgresConfigSchema.extend({
  staging_iam_role: z.string().optional(),
  has_case_sensitive_identifiers: z.boolean().default(false),
});

export const redshiftCredentialsSchema = postgresCredentialsSchema.extend({
  port: z.number().int().default(5439),
});

const placeholders = { database: CONFIGURE_ME, username: CONFIGURE_ME, password: CONFIGURE_ME, host: CONFIGURE_ME };

export const redshiftDestination = defineDestination({
  type: 'redshift',
  description: 'Amazon Redshift',
  configSchema: redshiftConfigSchema,
  credentialsSchemas: [
    connectionStringVariant({
      type: 'redshift',
      description: 'Redshift cluster login',
      schema: redshiftCredentialsSchema,
      // dlt parses any SQLAlchemy URL here; the postgres driver names are what Redshift connections use.
      schemes: /^(redshift|postgres|postgresql)(\+\w+)?$/,
      example: EXAMPLE,
      queryFields: { connect_timeout: 'int', client_encoding: 'string' },
    }),
  ],
  scaffold: {
    dev: { config: {}, credentials: placeholders },
    prod: { config: {}, credentials: placeholders },
  },
  pythonRequirements: () => ['dlt[redshift]'],
});
