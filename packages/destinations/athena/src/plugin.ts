import { definePlugin } from '@dlthub/config-core';
import { athenaDestination } from './athena';

export const plugin = definePlugin({ name: '@dlthub/destination-athena', destinations: [athenaDestination] });
