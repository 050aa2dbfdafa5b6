/**
 * dlt's `dremio` destination: `DremioClientConfiguration` with `DremioCredentials`, an Arrow Flight
 * (`grpc://`) connection string on port 32010.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { connectionStringVariant, serverScaffold, dwhConfigShape, strippedSecret } from '@dlthub/destination-kit';

export const dremioConfigSchema = z.object({
  ...dwhConfigShape,
  stage_name: z.string().optional(),
  keep_staged_files: z.boolean().default(true),
});

export const dremioCredentialsSchema = z.object({
  drivername: z.string().default('grpc'),
  username: z.string(),
  password: strippedSecret().optional(),
  host: z.string(),
  port: z.number().int().default(32010),
  database: z.string(),
  warehouse: z.string().optional(),
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
  scaffold: serverScaffold,
  pythonRequirements: () => ['dlt[dremio]'],
});
