export * from './redshift';
export * from './plugin';
