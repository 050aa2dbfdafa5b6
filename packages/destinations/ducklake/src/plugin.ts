import { definePlugin } from '@dlthub/config-core';
import { ducklakeDestination } from './ducklake';

export const plugin = definePlugin({ name: '@dlthub/destination-ducklake', destinations: [ducklakeDestination] });
