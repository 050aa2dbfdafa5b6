import { definePlugin } from '@dlthub/config-core';
import { postgresDestination } from './postgres';

export const plugin = definePlugin({ name: '@dlthub/destination-postgres', destinations: [postgresDestination] });
