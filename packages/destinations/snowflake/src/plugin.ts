import { definePlugin } from '@dlthub/config-core';
import { snowflakeDestination } from './snowflake';

export const plugin = definePlugin({ name: '@dlthub/destination-snowflake', destinations: [snowflakeDestination] });
