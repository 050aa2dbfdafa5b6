export * from './ducklake';
export * from './plugin';
