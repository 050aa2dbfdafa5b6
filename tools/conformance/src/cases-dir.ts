/**
 * Where the shared conformance cases are: `DLTHUB_CONFORMANCE_CASES` when set (relative to the repository
 * root), else `../shared/conformance/cases` beside the repository, as CI and development machines lay it out.
 */
import * as path from 'node:path';

export const CASES_ENV = 'DLTHUB_CONFORMANCE_CASES';
export const DEFAULT_CASES = '../shared/conformance/cases';

/** The repository root: this package lives at `tools/conformance/{src,dist}`. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function sharedCasesDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env[CASES_ENV];
  return path.resolve(REPO_ROOT, configured && configured.length > 0 ? configured : DEFAULT_CASES);
}
