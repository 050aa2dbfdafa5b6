export * from './errors';
export * from './registry';
export type * from './types';
