export * from './lancedb';
export * from './plugin';
