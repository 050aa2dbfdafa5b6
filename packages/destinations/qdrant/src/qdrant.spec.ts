import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { qdrant: { location: 'https://q.example.com', api_key: 'k' } },
  // dlt types qdrant's api_key as plain text.
  secretFields: { qdrant: [] },
  pythonRequirements: ['dlt[qdrant]'],
});
