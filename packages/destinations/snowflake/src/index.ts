export * from './snowflake';
export * from './plugin';
