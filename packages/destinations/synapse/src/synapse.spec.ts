import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    connection_string: { database: 'dwh', username: 'u', password: 'pw', host: 'ws.sql.azuresynapse.net' },
  },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'synapse://loader:s3cret@ws.sql.azuresynapse.net:1433/dwh',
      fields: { username: 'loader', password: 's3cret', host: 'ws.sql.azuresynapse.net', database: 'dwh' },
    },
  ],
  badNative: [{ text: `snowflake://u:${LEAK_MARKER}@a/db` }],
  pythonRequirements: ['dlt[synapse]'],
});
