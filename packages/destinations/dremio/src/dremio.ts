/**
 * dlt's `dremio` destination: `DremioClientConfiguration` (the `staging_data_source` it loads from)
 * with `DremioCredentials`, an Arrow Flight (`grpc://`) connection string on port 32010.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  connectionStringVariant,
  serverScaffold,
  dwhConfigShape,
  strippedSecret,
} from '@dlthub/destination-kit';

export const dremioConfigSchema = z.object({
  ...dwhConfigShape,
  /** The Dremio "Object Storage" data source that holds the staging bucket. */
  staging_data_source: z.string(),
});

export const dremioCredentialsSchema = z.object({
  drivername: z.string().default('grpc'),
  username: z.string(),
  // dlt narrows the connection string's optional password to a required one.
  password: strippedSecret(),
  host: z.string(),
  port: z.number().int().default(32010),
  database: z.string(),
  query: z.record(z.string(), z.unknown()).optional(),
});

export const dremioDestination = defineDestination({
  type: 'dremio',
  description: 'Dremio lakehouse (Arrow Flight)',
  configSchema: dremioConfigSchema,
  credentialsSchemas: [
    connectionStringVariant({
      type: 'dremio',
      description: 'Dremio login',
      schema: dremioCredentialsSchema,
      schemes: /^(grpc|grpc\+tls|dremio)$/,
      example: 'grpc://user:password@host:32010/database',
    }),
  ],
  scaffold: {
    dev: { ...serverScaffold.dev, config: { staging_data_source: CONFIGURE_ME } },
    prod: { ...serverScaffold.prod, config: { staging_data_source: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[dremio]'],
});
