export * from './common';
export * from './device';
export * from './identity';
export * from './workspace';
export * from './api-key';
export * from './configuration';
export * from './paths';
