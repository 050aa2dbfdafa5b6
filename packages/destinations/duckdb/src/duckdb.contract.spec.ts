import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { connection_string: { database: 'local.duckdb', read_only: true } },
  secretFields: { connection_string: ['password'] },
  native: [
    { text: 'duckdb:///data/local.duckdb', fields: { database: 'data/local.duckdb' } },
    { text: ':pipeline:', fields: { database: ':pipeline:' } },
  ],
  badNative: [{ text: ':memory:' }],
  pythonRequirements: ['dlt[duckdb]'],
});
