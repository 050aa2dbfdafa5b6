export * from './credentials';
export * from './filesystem';
export * from './plugin';
