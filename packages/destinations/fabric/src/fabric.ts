/**
 * dlt's `fabric` destination: `FabricClientConfiguration` with `FabricCredentials`, an Azure service
 * principal (or a pre-fetched `access_token`) for a Fabric Warehouse `host` and `database`. Without the
 * principal's fields dlt signs in with the machine's default Azure credential (`on_partial`).
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { azureAccountShape, azureServicePrincipalShape, CONFIGURE_ME, dwhConfigShape } from '@dlthub/destination-kit';

export const fabricConfigSchema = z.object({
  ...dwhConfigShape,
  collation: z.string().default('Latin1_General_100_BIN2_UTF8'),
  create_indexes: z.boolean().default(false),
  has_case_sensitive_identifiers: z.boolean().default(true),
});

export const fabricCredentialsSchema = z.object({
  drivername: z.string().default('mssql+pyodbc'),
  host: z.string(),
  port: z.number().int().default(1433),
  database: z.string(),
  connect_timeout: z.number().int().default(15),
  ...azureAccountShape,
  // Only staging credentials need the storage account.
  azure_storage_account_name: azureAccountShape.azure_storage_account_name.optional(),
  azure_tenant_id: azureServicePrincipalShape.azure_tenant_id.optional(),
  azure_client_id: azureServicePrincipalShape.azure_client_id.optional(),
  azure_client_secret: azureServicePrincipalShape.azure_client_secret.optional(),
  access_token: z.string().optional(),
});

const principal = {
  host: CONFIGURE_ME,
  database: CONFIGURE_ME,
  azure_tenant_id: CONFIGURE_ME,
  azure_client_id: CONFIGURE_ME,
  azure_client_secret: CONFIGURE_ME,
};

export const fabricDestination = defineDestination({
  type: 'fabric',
  description: 'Microsoft Fabric Warehouse',
  configSchema: fabricConfigSchema,
  credentialsSchemas: [
    {
      name: 'service_principal',
      description: 'Fabric Warehouse host and database, signed in with an Azure service principal or an access token',
      schema: fabricCredentialsSchema,
      secretFields: ['azure_client_secret', 'access_token'],
    },
  ],
  scaffold: { dev: { config: {}, credentials: principal }, prod: { config: {}, credentials: principal } },
  pythonRequirements: () => ['dlt[fabric]'],
});
