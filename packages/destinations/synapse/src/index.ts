export * from './synapse';
export * from './plugin';
