export * from './bigquery';
export * from './plugin';
