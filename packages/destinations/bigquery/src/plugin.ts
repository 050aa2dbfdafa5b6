import { definePlugin } from '@dlthub/config-core';
import { bigqueryDestination } from './bigquery';

export const plugin = definePlugin({ name: '@dlthub/destination-bigquery', destinations: [bigqueryDestination] });
