import { describeDestinationContract } from '@dlthub/destination-kit/testing';
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
  pythonRequirements: ['dlt[databricks]'],
});
