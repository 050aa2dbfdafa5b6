export * from './duckdb';
export * from './plugin';
