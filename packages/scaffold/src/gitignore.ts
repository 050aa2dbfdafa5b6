/** Merging lines into a user's .gitignore: only what is missing, once, under a marker comment (dlthub-init --merge). */

export const GITIGNORE_MARKER = '# Added by dlthub init';

/** Patterns compared without surrounding blanks and a trailing '/', so `.dlt/state/` covers `.dlt/state`. */
function patternKey(line: string): string {
  return line.trim().replace(/\/+$/, '');
}

export function missingGitignoreLines(existing: string, wanted: readonly string[]): string[] {
  const present = new Set(
    existing
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .map(patternKey),
  );
  const missing: string[] = [];
  for (const line of wanted) {
    const key = patternKey(line);
    if (key === '' || line.trim().startsWith('#') || present.has(key)) continue;
    present.add(key);
    missing.push(line.trim());
  }
  return missing;
}

/** The existing text with the missing lines appended, or null when nothing is missing. */
export function mergeGitignore(existing: string, wanted: readonly string[]): string | null {
  const missing = missingGitignoreLines(existing, wanted);
  if (missing.length === 0) return null;
  const newline = existing.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing === '' ? '' : existing.endsWith('\n') ? newline : `${newline}${newline}`;
  return `${existing}${separator}${[GITIGNORE_MARKER, ...missing].join(newline)}${newline}`;
}
