export * from './fabric';
export * from './plugin';
