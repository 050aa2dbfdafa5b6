export * from './dremio';
export * from './plugin';
