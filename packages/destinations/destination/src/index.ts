export * from './destination';
export * from './plugin';
