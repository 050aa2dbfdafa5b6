import { definePlugin } from '@dlthub/config-core';
import { weaviateDestination } from './weaviate';

export const plugin = definePlugin({ name: '@dlthub/destination-weaviate', destinations: [weaviateDestination] });
