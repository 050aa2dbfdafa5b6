export * from './databricks';
export * from './plugin';
