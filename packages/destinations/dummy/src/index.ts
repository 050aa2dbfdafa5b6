export * from './dummy';
export * from './plugin';
