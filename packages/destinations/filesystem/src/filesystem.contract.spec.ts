import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  config: { bucket_url: 's3://acme-raw' },
  credentials: {
    aws: { aws_access_key_id: 'AKIA', aws_secret_access_key: 'sk' },
    azure_key: { azure_storage_account_name: 'acc', azure_storage_sas_token: 'sas' },
  },
  secretFields: {
    aws: ['aws_secret_access_key', 'aws_session_token'],
    gcp_service_account: ['private_key'],
    gcp_oauth: ['client_secret', 'refresh_token', 'token'],
    azure_key: ['azure_storage_account_key', 'azure_storage_sas_token'],
    azure_service_principal: ['azure_client_secret'],
    sftp: ['sftp_password', 'sftp_key_passphrase'],
  },
  native: [
    {
      variant: 'gcp_service_account',
      text: JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'e@p', private_key: 'KEY' }),
      fields: { project_id: 'p', client_email: 'e@p' },
    },
    {
      variant: 'gcp_oauth',
      text: JSON.stringify({ client_id: 'cid', client_secret: 'cs', refresh_token: 'rt', project_id: 'p' }),
      fields: { client_id: 'cid', refresh_token: 'rt' },
    },
  ],
  pythonRequirements: ['dlt[filesystem]'],
});
