import { definePlugin } from '@dlthub/config-core';
import { dremioDestination } from './dremio';

export const plugin = definePlugin({ name: '@dlthub/destination-dremio', destinations: [dremioDestination] });
