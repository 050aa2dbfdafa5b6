import { definePlugin } from '@dlthub/config-core';
import { synapseDestination } from './synapse';

export const plugin = definePlugin({ name: '@dlthub/destination-synapse', destinations: [synapseDestination] });
