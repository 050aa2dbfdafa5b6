export * from './motherduck';
export * from './plugin';
