import { definePlugin } from '@dlthub/config-core';
import { qdrantDestination } from './qdrant';

export const plugin = definePlugin({ name: '@dlthub/destination-qdrant', destinations: [qdrantDestination] });
