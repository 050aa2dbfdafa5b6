import { definePlugin } from '@dlthub/config-core';
import { duckdbDestination } from './duckdb';

export const plugin = definePlugin({ name: '@dlthub/destination-duckdb', destinations: [duckdbDestination] });
