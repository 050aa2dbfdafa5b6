export * from './mssql';
export * from './plugin';
