/**
 * Digests of package entries and of whole packages, as dlt computes them (reference §1.1):
 * base64(SHA3-256) per entry, and a package hash over the sorted (path, digest) pairs, so the
 * same files give the same hash whatever their mtimes or the order they were found in.
 */
import { createHash, hash } from 'node:crypto';

/** base64(SHA3-256) of one entry, with the one-shot `hash()` (no `Hash` object per file). */
export function sha3Base64(content: Uint8Array | string): string {
  return hash('sha3-256', content, 'base64');
}

/** Package content hash: for each entry sorted by path, the path's UTF-8 bytes then its digest. */
export function packageContentHash(entries: readonly { relative_path: string; sha3_256: string }[]): string {
  const hash = createHash('sha3-256');
  const sorted = [...entries].sort((left, right) => comparePaths(left.relative_path, right.relative_path));
  for (const entry of sorted) {
    hash.update(entry.relative_path, 'utf8');
    hash.update(entry.sha3_256, 'ascii');
  }
  return hash.digest('base64');
}

/** Code-point order of POSIX paths (Python's `sorted()` on str), independent of locale. */
export function comparePaths(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
