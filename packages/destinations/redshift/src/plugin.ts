import { definePlugin } from '@dlthub/config-core';
import { redshiftDestination } from './redshift';

export const plugin = definePlugin({ name: '@dlthub/destination-redshift', destinations: [redshiftDestination] });
