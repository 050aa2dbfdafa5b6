import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { lancedb: { uri: 'db://my-db', api_key: 'k', embedding_model_provider_api_key: 'cohere-key' } },
  secretFields: { lancedb: ['api_key'] },
  pythonRequirements: ['dlt[lancedb]'],
});
