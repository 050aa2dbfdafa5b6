import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    connection_string: { drivername: 'mysql+pymysql', database: 'dwh', username: 'u', password: 'pw', host: 'h' },
  },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'mysql+pymysql://loader:s3cret@db.example.com:3306/dwh?charset=utf8mb4',
      fields: {
        drivername: 'mysql+pymysql',
        username: 'loader',
        password: 's3cret',
        port: 3306,
        database: 'dwh',
        query: { charset: 'utf8mb4' },
      },
    },
    { text: 'sqlite:///data/local.db', fields: { drivername: 'sqlite', database: 'data/local.db' } },
  ],
  badNative: [{ text: `mysql://u:${LEAK_MARKER}@h:port/db` }, { text: LEAK_MARKER }],
  pythonRequirements: ['dlt[sqlalchemy]'],
});
