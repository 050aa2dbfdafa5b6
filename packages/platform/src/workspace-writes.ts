/**
 * Every read-modify-write of workspace files goes through here: it holds the lock of the `.dlt/`
 * directory (config-core `withDirectoryLock`), the plan is computed inside it from the files as they
 * are then, and all files a command changes are written as one change (`writeFilesAtomic`): parallel
 * commands never lose each other's edits, and config + secrets land together or not at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DlthubError,
  isSecretsFile,
  withDirectoryLock,
  writeFilesAtomic,
  type AtomicFileWrite,
} from '@dlthub/config-core';
import type { FileHost } from '@dlthub/scaffold';

/** Runs `work` under the lock of `settingsDir` (a workspace's `.dlt/`). */
export function underWorkspaceLock<T>(settingsDir: string, work: () => T | Promise<T>): Promise<T> {
  return withDirectoryLock(settingsDir, work);
}

/**
 * A file's text, or null when absent. A file that is not UTF-8 (a Latin-1 config.toml) is refused with
 * its name: decoding it leniently would turn its bytes into U+FFFD, and the edit would rewrite them.
 */
export function readUtf8(file: string): string | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DlthubError('FileReadError', `${file} is not valid UTF-8; it was left unchanged.`, {
      location: { file },
      hint: 'Convert it to UTF-8 (e.g. `iconv -f latin1 -t utf-8`), then run the command again.',
    });
  }
}

/**
 * A file host whose writes are collected instead of made, and a `commit` that writes them all at once.
 * Reads see the collected writes, so a plan that reads a file it wrote stays consistent.
 */
export function batchingHost(host: FileHost): { host: FileHost; commit(): void } {
  const pending = new Map<string, AtomicFileWrite>();
  const abs = (relative: string) => path.resolve(host.root, relative);
  const batched: FileHost = {
    ...host,
    read: (relative) => pending.get(abs(relative))?.content ?? readUtf8(abs(relative)),
    exists: (relative) => pending.has(abs(relative)) || host.exists(relative),
    isFile: (relative) => pending.has(abs(relative)) || host.isFile(relative),
    write: (relative, content, options) => {
      const target = abs(relative);
      const mode = options?.mode ?? (isSecretsFile(target) ? 0o600 : undefined);
      pending.set(target, { path: target, content, ...(mode === undefined ? {} : { mode }) });
    },
  };
  return { host: batched, commit: () => writeFilesAtomic([...pending.values()]) };
}
