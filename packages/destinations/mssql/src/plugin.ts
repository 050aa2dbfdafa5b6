import { definePlugin } from '@dlthub/config-core';
import { mssqlDestination } from './mssql';

export const plugin = definePlugin({ name: '@dlthub/destination-mssql', destinations: [mssqlDestination] });
