export * from './athena';
export * from './plugin';
