/**
 * Atomic file writes (temp file + rename via write-file-atomic): a crash never leaves a
 * half-written config. An existing file keeps its mode; new secrets files are created 0600.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type writeFileAtomicModule from 'write-file-atomic';
import { DlthubError } from './errors';

export interface AtomicWriteOptions {
  /** Mode for a new file; an existing file keeps its own mode unless `forceMode` is set. */
  mode?: number;
  forceMode?: boolean;
}

/** `secrets.toml` and `<profile>.secrets.toml` (any dir). */
export function isSecretsFile(filePath: string): boolean {
  const base = path.basename(filePath);
  return base === 'secrets.toml' || base.endsWith('.secrets.toml');
}

const SECRET_FILE_MODE = 0o600;
const DEFAULT_FILE_MODE = 0o644;

function existingMode(filePath: string): number | undefined {
  try {
    return fs.statSync(filePath).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** Writes synchronously and atomically; creates the parent directory. */
export function writeFileAtomic(filePath: string, content: string, options: AtomicWriteOptions = {}): void {
  const current = existingMode(filePath);
  const mode =
    options.forceMode && options.mode !== undefined
      ? options.mode
      : (current ?? options.mode ?? (isSecretsFile(filePath) ? SECRET_FILE_MODE : DEFAULT_FILE_MODE));
  try {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    // Required on first write: it loads worker_threads and the stream stack, which read-only
    // commands (`dlthub config get`) would otherwise pay for at start-up.
    const { sync } = require('write-file-atomic') as typeof writeFileAtomicModule;
    sync(filePath, content, { mode, encoding: 'utf8' });
  } catch (cause) {
    throw new DlthubError('WriteRefused', `Cannot write ${filePath}: ${(cause as Error).message}`, {
      hint: 'Check that the directory exists and is writable.',
      location: { file: filePath },
      cause,
    });
  }
}
