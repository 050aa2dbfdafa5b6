import { definePlugin } from '@dlthub/config-core';
import { destinationDestination } from './destination';

export const plugin = definePlugin({ name: '@dlthub/destination-destination', destinations: [destinationDestination] });
