export * from './sqlalchemy';
export * from './plugin';
