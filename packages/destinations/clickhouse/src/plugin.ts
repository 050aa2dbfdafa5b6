import { definePlugin } from '@dlthub/config-core';
import { clickhouseDestination } from './clickhouse';

export const plugin = definePlugin({ name: '@dlthub/destination-clickhouse', destinations: [clickhouseDestination] });
