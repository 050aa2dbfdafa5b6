import { definePlugin } from '@dlthub/config-core';
import { fabricDestination } from './fabric';

export const plugin = definePlugin({ name: '@dlthub/destination-fabric', destinations: [fabricDestination] });
