import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  config: { query_result_bucket: 's3://athena-results' },
  credentials: { aws: { aws_access_key_id: 'AKIA', aws_secret_access_key: 'sk', region_name: 'eu-central-1' } },
  secretFields: { aws: ['aws_secret_access_key', 'aws_session_token'] },
  pythonRequirements: ['dlt[athena]'],
});
