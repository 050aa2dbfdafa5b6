import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    service_principal: {
      host: 'abc.datawarehouse.fabric.microsoft.com',
      database: 'dwh',
      azure_tenant_id: 't',
      azure_client_id: 'c',
      azure_client_secret: 's',
    },
  },
  secretFields: { service_principal: ['azure_client_secret', 'access_token'] },
  pythonRequirements: ['dlt[fabric]'],
});
