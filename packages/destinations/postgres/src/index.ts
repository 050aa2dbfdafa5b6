export * from './postgres';
export * from './plugin';
