/**
 * The lock every read-modify-write of workspace files takes (proper-lockfile: an atomic `mkdir` lock
 * with a stale timeout, so a crashed holder does not block forever). The directory (a workspace's
 * `.dlt/`, the global settings dir) is the unit: a change that spans config and secrets files holds
 * one lock, and the files are read again under it, so parallel commands never lose each other's edits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ProperLockfile from 'proper-lockfile';
import { DlthubError } from './errors';

/** The lock's own name inside the locked directory (a directory while held; git never tracks it). */
export const LOCK_NAME = '.dlthub.lock';

export interface DirectoryLockOptions {
  /** How long to keep retrying before giving up (default 60 s). */
  waitMs?: number;
}

/** Runs `work` while holding the lock of `dir` (created when missing); releases it whatever happens. */
export async function withDirectoryLock<T>(
  dir: string,
  work: () => T | Promise<T>,
  options: DirectoryLockOptions = {},
): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first lock, not at start-up
  const lockfile = require('proper-lockfile') as typeof ProperLockfile;
  fs.mkdirSync(dir, { recursive: true });
  const waitMs = options.waitMs ?? 60_000;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, LOCK_NAME),
      realpath: false,
      stale: 10_000,
      // Exponential back-off from 20 ms to 500 ms: about `waitMs` in all.
      retries: { retries: Math.max(1, Math.ceil(waitMs / 500)), minTimeout: 20, maxTimeout: 500, factor: 1.5 },
    });
  } catch (cause) {
    throw new DlthubError('Conflict', `${dir} is locked by another dlthub command.`, {
      hint: `Wait for it to finish. If none is running, remove ${path.join(dir, LOCK_NAME)}.`,
      location: { file: dir },
      cause,
    });
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
