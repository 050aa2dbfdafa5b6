export * from './clickhouse';
export * from './plugin';
