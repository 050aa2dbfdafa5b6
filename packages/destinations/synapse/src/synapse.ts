/**
 * dlt's `synapse` destination: `SynapseClientConfiguration` over mssql's (heap tables by default,
 * concurrency guard, managed identity for staging) with `SynapseCredentials`, mssql credentials whose
 * driver name is `synapse` and whose only supported ODBC driver is version 18 (it alone knows `LongAsMax`).
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { mssqlConfigShape, mssqlCredentialsShape, odbcCredentialsVariant } from '@dlthub/destination-mssql';
import { serverScaffold } from '@dlthub/destination-kit';

export const synapseConfigSchema = z.object({
  ...mssqlConfigShape,
  default_table_index_type: z.enum(['heap', 'clustered_columnstore_index']).default('heap'),
  auto_disable_concurrency: z.boolean().default(true),
  staging_use_msi: z.boolean().default(false),
});

export const synapseCredentialsSchema = z.object({
  ...mssqlCredentialsShape,
  drivername: z.string().default('synapse'),
});

/** `SynapseCredentials.SUPPORTED_DRIVERS`: the `LongAsMax` keyword Synapse needs came with driver 18. */
export const SYNAPSE_ODBC_DRIVERS = ['ODBC Driver 18 for SQL Server'] as const;

export const synapseDestination = defineDestination({
  type: 'synapse',
  description: 'Azure Synapse Analytics',
  configSchema: synapseConfigSchema,
  credentialsSchemas: [
    odbcCredentialsVariant({
      type: 'synapse',
      schema: synapseCredentialsSchema,
      schemes: /^(synapse|mssql)(\+\w+)?$/,
      supportedDrivers: SYNAPSE_ODBC_DRIVERS,
    }),
  ],
  scaffold: serverScaffold,
  pythonRequirements: () => ['dlt[synapse]'],
});
