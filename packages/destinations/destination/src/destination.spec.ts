import { describeDestinationContract } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

describeDestinationContract(plugin, {
  config: { destination_callable: 'sinks.print_rows' },
  secretFields: {},
  pythonRequirements: ['dlt'],
});
