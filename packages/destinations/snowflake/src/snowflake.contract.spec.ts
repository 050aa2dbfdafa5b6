import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { host: 'acct', database: 'DWH', username: 'u', password: 'pw', warehouse: 'WH' } },
  secretFields: { connection_string: ['password', 'private_key', 'private_key_passphrase'] },
  native: [
    { text: 'snowflake://u:p@acct/DWH?warehouse=WH&role=R', fields: { host: 'acct', warehouse: 'WH', role: 'R' } },
  ],
  badNative: [{ text: `postgres://u:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[snowflake]'],
});
