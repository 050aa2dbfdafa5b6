/**
 * Credentials specs of dlt's filesystem, per bucket protocol (`PROTOCOL_CREDENTIALS` in dlt's storage
 * configuration): AWS for `s3`, Google Cloud for `gs`/`gcs`/`gdrive`, Azure for `az`/`abfs`/`abfss`/`adl`/`azure`,
 * SFTP for `sftp`, none for local paths.
 */
import { z } from 'zod';
import type { CredentialsVariant } from '@dlthub/config-core';
import { gcpOAuthVariant, gcpServiceAccountVariant } from '@dlthub/destination-kit';

export const awsCredentialsSchema = z.object({
  aws_access_key_id: z.string(),
  aws_secret_access_key: z.string(),
  aws_session_token: z.string().optional(),
  profile_name: z.string().optional(),
  region_name: z.string().optional(),
  endpoint_url: z.string().optional(),
});

const azureAccountShape = {
  azure_storage_account_name: z.string(),
  /** Alternative blob endpoint host, e.g. `my_account.dfs.core.windows.net`. */
  azure_account_host: z.string().optional(),
};

export const azureKeyCredentialsSchema = z.object({
  ...azureAccountShape,
  azure_storage_account_key: z.string().optional(),
  // Required as dlt types it; dlt mints one from the account key when only the key is given.
  azure_storage_sas_token: z.string(),
  azure_sas_token_permissions: z.string().default('racwdl'),
  azure_sas_token_expiration_hours: z.number().default(24.0),
});

export const azureServicePrincipalCredentialsSchema = z.object({
  ...azureAccountShape,
  azure_tenant_id: z.string(),
  azure_client_id: z.string(),
  azure_client_secret: z.string(),
});

export const sftpCredentialsSchema = z.object({
  sftp_port: z.number().int().default(22),
  sftp_username: z.string().optional(),
  sftp_password: z.string().optional(),
  sftp_key_filename: z.string().optional(),
  sftp_key_passphrase: z.string().optional(),
  sftp_timeout: z.number().optional(),
  sftp_banner_timeout: z.number().optional(),
  sftp_auth_timeout: z.number().optional(),
  sftp_channel_timeout: z.number().optional(),
  sftp_allow_agent: z.boolean().default(true),
  sftp_look_for_keys: z.boolean().default(true),
  sftp_compress: z.boolean().default(false),
});

export const filesystemCredentialsVariants: readonly CredentialsVariant[] = [
  {
    name: 'aws',
    description: "AWS access key (s3://); without one, the machine's AWS credential chain is used",
    schema: awsCredentialsSchema,
    secretFields: ['aws_secret_access_key', 'aws_session_token'],
  },
  { ...gcpServiceAccountVariant, name: 'gcp_service_account' },
  { ...gcpOAuthVariant, name: 'gcp_oauth' },
  {
    name: 'azure_key',
    description: 'Azure storage account key or SAS token (az://, abfss://)',
    schema: azureKeyCredentialsSchema,
    secretFields: ['azure_storage_account_key', 'azure_storage_sas_token'],
  },
  {
    name: 'azure_service_principal',
    description: 'Azure service principal (tenant, client id and secret)',
    schema: azureServicePrincipalCredentialsSchema,
    secretFields: ['azure_client_secret'],
  },
  {
    name: 'sftp',
    description: 'SFTP login with a password or a key file',
    schema: sftpCredentialsSchema,
    secretFields: ['sftp_password', 'sftp_key_passphrase'],
  },
];

/** dlt's union for Google: service account, then OAuth (machine defaults are a fallback inside each). */
const GCP = ['gcp_service_account', 'gcp_oauth'];
const AZURE = ['azure_key', 'azure_service_principal'];

/** Credentials variants per `bucket_url` scheme; an empty list means the scheme needs none. */
export const CREDENTIALS_BY_SCHEME: Readonly<Record<string, readonly string[]>> = {
  file: [],
  memory: [],
  s3: ['aws'],
  gs: GCP,
  gcs: GCP,
  gdrive: GCP,
  az: AZURE,
  abfs: AZURE,
  abfss: AZURE,
  adl: AZURE,
  azure: AZURE,
  sftp: ['sftp'],
};
