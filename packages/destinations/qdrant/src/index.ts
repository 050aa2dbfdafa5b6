export * from './qdrant';
export * from './plugin';
