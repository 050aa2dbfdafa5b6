import { definePlugin } from '@dlthub/config-core';
import { sqlalchemyDestination } from './sqlalchemy';

export const plugin = definePlugin({ name: '@dlthub/destination-sqlalchemy', destinations: [sqlalchemyDestination] });
