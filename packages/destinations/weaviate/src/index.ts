export * from './weaviate';
export * from './plugin';
