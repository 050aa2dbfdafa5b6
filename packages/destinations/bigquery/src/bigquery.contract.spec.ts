import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  credentials: {
    service_account: { project_id: 'p', private_key: 'KEY', client_email: 'e@p.iam.gserviceaccount.com' },
    oauth: { project_id: 'p', client_id: 'cid', client_secret: 'cs', refresh_token: 'rt' },
  },
  secretFields: { service_account: ['private_key'], oauth: ['client_secret', 'refresh_token', 'token'] },
  native: [
    {
      text: JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'e@p', private_key: 'KEY' }),
      fields: { project_id: 'p', client_email: 'e@p' },
    },
    {
      variant: 'oauth',
      text: JSON.stringify({ installed: { client_id: 'cid', client_secret: 'cs', project_id: 'p' } }),
      fields: { client_id: 'cid', client_secret: 'cs', project_id: 'p' },
    },
  ],
  badNative: [{ text: `-----BEGIN PRIVATE KEY----- ${LEAK_MARKER}` }],
  pythonRequirements: ['dlt[bigquery]'],
});
