/**
 * dlt's `synapse` destination: `SynapseClientConfiguration` over mssql's (heap tables by default,
 * concurrency guard, managed identity for staging) with `SynapseCredentials`, mssql credentials whose
 * driver name is `synapse`.
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

export const synapseDestination = defineDestination({
  type: 'synapse',
  description: 'Azure Synapse Analytics',
  configSchema: synapseConfigSchema,
  credentialsSchemas: [odbcCredentialsVariant('synapse', synapseCredentialsSchema, /^(synapse|mssql)(\+\w+)?$/)],
  scaffold: serverScaffold,
  pythonRequirements: () => ['dlt[synapse]'],
});
