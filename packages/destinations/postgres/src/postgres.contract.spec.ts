import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { database: 'dwh', username: 'u', password: 'pw', host: 'h' } },
  secretFields: { connection_string: ['password'] },
  native: [{ text: 'postgresql://u:p@h:5433/db', fields: { username: 'u', password: 'p', host: 'h', port: 5433 } }],
  badNative: [{ text: `postgresql://u:${LEAK_MARKER}@h:port/db` }],
  pythonRequirements: ['dlt[postgres]'],
});
