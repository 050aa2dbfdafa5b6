import { definePlugin } from '@dlthub/config-core';
import { motherduckDestination } from './motherduck';

export const plugin = definePlugin({ name: '@dlthub/destination-motherduck', destinations: [motherduckDestination] });
