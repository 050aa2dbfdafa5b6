export * from './connection-url';
export * from './fields';
export * from './gcp';
