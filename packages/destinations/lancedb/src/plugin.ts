import { definePlugin } from '@dlthub/config-core';
import { lancedbDestination } from './lancedb';

export const plugin = definePlugin({ name: '@dlthub/destination-lancedb', destinations: [lancedbDestination] });
