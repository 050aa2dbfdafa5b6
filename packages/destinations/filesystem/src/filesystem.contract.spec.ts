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
  pythonRequirements: ['dlt[filesystem]'],
});
