import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { host: 'ch.example.com', password: 'pw', secure: 0 } },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'clickhouse://loader:s3cret@ch.example.com:9000/analytics?secure=0&connect_timeout=20',
      fields: {
        username: 'loader',
        password: 's3cret',
        host: 'ch.example.com',
        port: 9000,
        database: 'analytics',
        secure: 0,
        connect_timeout: 20,
      },
    },
    { text: 'clickhouse+native://h?send_receive_timeout=60', fields: { host: 'h', send_receive_timeout: 60 } },
  ],
  badNative: [{ text: `clickhouse://u:${LEAK_MARKER}@h/db?secure=yes` }, { text: `postgres://u:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[clickhouse]'],
});
