import { GITIGNORE_MARKER, mergeGitignore, missingGitignoreLines } from './gitignore';

describe('mergeGitignore', () => {
  const wanted = ['secrets.toml', '*.secrets.toml', '.dlt/state', '*.duckdb'];

  it('appends only the missing lines under the marker', () => {
    expect(mergeGitignore('node_modules\n*.duckdb\n', wanted)).toBe(
      `node_modules\n*.duckdb\n\n${GITIGNORE_MARKER}\nsecrets.toml\n*.secrets.toml\n.dlt/state\n`,
    );
  });

  it('is idempotent: a merged file needs nothing more', () => {
    const once = mergeGitignore('dist', wanted) ?? '';
    expect(once).toBe(`dist\n\n${GITIGNORE_MARKER}\nsecrets.toml\n*.secrets.toml\n.dlt/state\n*.duckdb\n`);
    expect(mergeGitignore(once, wanted)).toBeNull();
  });

  it('treats a trailing slash as the same pattern and ignores commented-out lines', () => {
    expect(missingGitignoreLines('.dlt/state/\n# secrets.toml\n', wanted)).toEqual([
      'secrets.toml',
      '*.secrets.toml',
      '*.duckdb',
    ]);
  });
});
