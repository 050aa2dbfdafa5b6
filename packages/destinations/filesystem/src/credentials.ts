/**
 * Credentials specs of dlt's filesystem, per bucket protocol (`PROTOCOL_CREDENTIALS` in dlt's storage
 * configuration): AWS for `s3`, Google Cloud for `gs`/`gcs`/`gdrive`, Azure for `az`/`abfs`/`abfss`/`adl`/`azure`,
 * SFTP for `sftp`, none for local paths.
 */
import { z } from 'zod';
import type { CredentialsVariant } from '@dlthub/config-core';
import {
  awsCredentialsVariant,
  azureKeyVariant,
  azureServicePrincipalVariant,
  gcpOAuthVariant,
  gcpServiceAccountVariant,
} from '@dlthub/destination-kit';

export {
  awsCredentialsSchema,
  azureKeyCredentialsSchema,
  azureServicePrincipalCredentialsSchema,
} from '@dlthub/destination-kit';

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
  awsCredentialsVariant,
  { ...gcpServiceAccountVariant, name: 'gcp_service_account' },
  { ...gcpOAuthVariant, name: 'gcp_oauth' },
  { ...azureKeyVariant, description: 'Azure storage account key or SAS token (az://, abfss://)' },
  azureServicePrincipalVariant,
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
