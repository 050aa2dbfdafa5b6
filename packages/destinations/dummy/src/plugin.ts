import { definePlugin } from '@dlthub/config-core';
import { dummyDestination } from './dummy';

export const plugin = definePlugin({ name: '@dlthub/destination-dummy', destinations: [dummyDestination] });
