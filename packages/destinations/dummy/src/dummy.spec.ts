import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  config: { fail_prob: 0.5 },
  secretFields: {},
  pythonRequirements: ['dlt'],
});
