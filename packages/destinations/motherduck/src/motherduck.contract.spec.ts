import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { database: 'analytics', password: 'token' } },
  secretFields: { connection_string: ['password'] },
  native: [{ text: 'md:///analytics?motherduck_token=tok', fields: { database: 'analytics', password: 'tok' } }],
  badNative: [{ text: `postgres://u:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[motherduck]'],
});
