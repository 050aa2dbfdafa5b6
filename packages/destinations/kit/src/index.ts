export * from './aws';
export * from './azure';
export * from './connection-url';
export * from './fields';
export * from './gcp';
export * from './sql-credentials';
