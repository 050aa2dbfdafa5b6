/** The package version, read once from package.json next to dist/ and src/. */
export const version: string = (require('../package.json') as { version: string }).version;
