import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    connection_string: { database: 'dwh', username: 'loader', password: 'pw', host: 'c.redshift.amazonaws.com' },
  },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'redshift://loader:s3cret@c.eu-west-1.redshift.amazonaws.com:5439/dwh?connect_timeout=30',
      fields: {
        username: 'loader',
        password: 's3cret',
        host: 'c.eu-west-1.redshift.amazonaws.com',
        database: 'dwh',
        connect_timeout: 30,
      },
    },
    { text: 'postgresql://u:p@h:5440/db', fields: { port: 5440, database: 'db' } },
  ],
  badNative: [{ text: `redshift://u:${LEAK_MARKER}@h:port/db` }, { text: `mysql://u:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[redshift]'],
});
