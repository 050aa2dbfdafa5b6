/** Versions the generators write: the dlthub packages are released together, at this package's version. */
export function dlthubVersion(): string {
  // Through the package's exports, so it resolves the same from src/ (tests) and dist/ (published).
  return (require('@dlthub/nx/package.json') as { version: string }).version;
}
