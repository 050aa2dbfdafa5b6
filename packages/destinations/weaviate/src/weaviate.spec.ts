import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    weaviate: { url: 'https://w.example.com', api_key: 'k', additional_headers: { 'X-OpenAI-Api-Key': 'o' } },
  },
  // dlt types weaviate's api_key as plain text.
  secretFields: { weaviate: [] },
  pythonRequirements: ['dlt[weaviate]'],
});
