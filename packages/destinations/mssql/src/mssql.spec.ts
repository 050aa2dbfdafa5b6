import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { mssqlCredentialsSchema, mssqlDestination, plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { database: 'dwh', username: 'sa', password: 'pw', host: 'sql.example.com' } },
  secretFields: { connection_string: ['password'] },
  native: [
    {
      text: 'mssql://sa:s3cret@sql.example.com:1433/DWH?DRIVER=ODBC+Driver+18+for+SQL+Server&Connect_Timeout=45',
      fields: {
        username: 'sa',
        password: 's3cret',
        host: 'sql.example.com',
        database: 'DWH',
        driver: 'ODBC Driver 18 for SQL Server',
        connect_timeout: 45,
      },
    },
  ],
  badNative: [{ text: `mssql://sa:${LEAK_MARKER}@h:abc/db` }, { text: `synapse://sa:${LEAK_MARKER}@h/db` }],
  pythonRequirements: ['dlt[mssql]'],
});

describe('mssql fix-ups', () => {
  it('lower-cases the database and strips the password only for complete credentials', () => {
    const variant = mssqlDestination.credentialsSchemas[0];
    const complete = mssqlCredentialsSchema.parse({ database: 'DWH', username: 'sa', password: ' pw ', host: 'h' });
    expect(variant?.onResolved!(complete)).toMatchObject({ database: 'dwh', password: 'pw' });
  });
});
