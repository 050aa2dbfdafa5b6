import { definePlugin } from '@dlthub/config-core';
import { databricksDestination } from './databricks';

export const plugin = definePlugin({ name: '@dlthub/destination-databricks', destinations: [databricksDestination] });
