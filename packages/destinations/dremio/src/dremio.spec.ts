import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  config: { staging_data_source: 's3_lake' },
  credentials: { connection_string: { username: 'u', password: 'pw', host: 'dremio', database: 'nas' } },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'grpc://loader:s3cret@dremio.example.com:32010/lake',
      fields: { username: 'loader', password: 's3cret', host: 'dremio.example.com', database: 'lake' },
    },
  ],
  badNative: [{ text: `http://u:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[dremio]'],
});
