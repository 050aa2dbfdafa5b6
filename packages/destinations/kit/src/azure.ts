/**
 * Azure credentials as dlt specs them (`AzureCredentialsWithoutDefaults`,
 * `AzureServicePrincipalCredentialsWithoutDefaults`), shared by filesystem on `az://`/`abfss://` and by the
 * Microsoft warehouses (fabric signs in with a service principal).
 */
import { z } from 'zod';
import type { CredentialsVariant } from '@dlthub/config-core';

/** `AzureCredentialsBase`: the storage account every Azure spec names. */
export const azureAccountShape = {
  azure_storage_account_name: z.string(),
  /** Alternative blob endpoint host, e.g. `my_account.dfs.core.windows.net`. */
  azure_account_host: z.string().optional(),
};

/** Service principal fields (`AzureServicePrincipalCredentialsWithoutDefaults`). */
export const azureServicePrincipalShape = {
  azure_tenant_id: z.string(),
  azure_client_id: z.string(),
  azure_client_secret: z.string(),
};

export const azureKeyCredentialsSchema = z.object({
  ...azureAccountShape,
  azure_storage_account_key: z.string().optional(),
  // Required as dlt types it; dlt mints one from the account key when only the key is given (on_partial).
  azure_storage_sas_token: z.string(),
  azure_sas_token_permissions: z.string().default('racwdl'),
  azure_sas_token_expiration_hours: z.number().default(24.0),
});

export const azureServicePrincipalCredentialsSchema = z.object({
  ...azureAccountShape,
  ...azureServicePrincipalShape,
});

export const azureKeyVariant: CredentialsVariant = {
  name: 'azure_key',
  description: 'Azure storage account key or SAS token',
  schema: azureKeyCredentialsSchema,
  secretFields: ['azure_storage_account_key', 'azure_storage_sas_token'],
};

export const azureServicePrincipalVariant: CredentialsVariant = {
  name: 'azure_service_principal',
  description: 'Azure service principal (tenant, client id and secret)',
  schema: azureServicePrincipalCredentialsSchema,
  secretFields: ['azure_client_secret'],
};

/** dlt's Azure union in its order: account key / SAS token, then service principal. */
export const azureCredentialsVariants: readonly CredentialsVariant[] = [azureKeyVariant, azureServicePrincipalVariant];
