import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This package's version, read from its package.json (works from src/ and dist/). */
export function clientVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `dlthub-ts/<version> node/<version>`, optionally prefixed by the calling tool (`dlthub-cli/1.2.3 …`). */
export function defaultUserAgent(product?: string): string {
  const base = `dlthub-ts/${clientVersion()} node/${process.versions.node}`;
  return product ? `${product} ${base}` : base;
}
