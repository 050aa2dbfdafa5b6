import { definePlugin } from '@dlthub/config-core';
import { filesystemDestination } from './filesystem';

export const plugin = definePlugin({ name: '@dlthub/destination-filesystem', destinations: [filesystemDestination] });
