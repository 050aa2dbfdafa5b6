export * from './profiles';
export * from './plugin';
