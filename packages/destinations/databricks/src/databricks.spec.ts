import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    databricks: {
      catalog: 'main',
      server_hostname: 'adb-1.azuredatabricks.net',
      http_path: '/sql/1.0/warehouses/x',
      access_token: 'dapi',
    },
  },
  secretFields: { databricks: ['access_token', 'client_id', 'client_secret'] },
  native: [
    {
      text: 'databricks://token:dapi123@adb-1.azuredatabricks.net?http_path=/sql/1.0/warehouses/abc&catalog=main',
      fields: {
        access_token: 'dapi123',
        server_hostname: 'adb-1.azuredatabricks.net',
        http_path: '/sql/1.0/warehouses/abc',
        catalog: 'main',
      },
    },
    { text: '{"catalog": "main", "access_token": "t"}', fields: { catalog: 'main', access_token: 't' } },
  ],
  badNative: [{ text: `postgres://token:${LEAK_MARKER}@h/db` }, { text: LEAK_MARKER }],
  pythonRequirements: ['dlt[databricks]'],
});
