/**
 * Atomic file writes (temp file + fsync + rename): a crash never leaves a half-written config.
 *
 * The temp file is ours rather than write-file-atomic's because its name matters: a process killed
 * mid-write leaves it behind, and for a secrets file it holds secrets. So a temp file of
 * `prod.secrets.toml` is `.prod.secrets.toml.<pid>-<rand>.tmp.secrets.toml`: the generated ignore
 * rules (`secrets.toml`, `*.secrets.toml`) cover it, it is created 0600 whatever the target's mode,
 * and the next write to the same file removes temp files whose writer is no longer running.
 * An existing file keeps its mode; new secrets files are created 0600.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
const TEMP_MODE = 0o600;

function existingMode(filePath: string): number | undefined {
  try {
    return fs.statSync(filePath).mode & 0o777;
  } catch {
    return undefined;
  }
}

function targetMode(filePath: string, options: AtomicWriteOptions): number {
  if (options.forceMode && options.mode !== undefined) return options.mode;
  return existingMode(filePath) ?? options.mode ?? (isSecretsFile(filePath) ? SECRET_FILE_MODE : DEFAULT_FILE_MODE);
}

/** The suffix that keeps a temp file under the same ignore rules as its target. */
function tempSuffix(filePath: string): string {
  return isSecretsFile(filePath) ? '.tmp.secrets.toml' : '.tmp';
}

/** `.<base>.<pid>-<hex><suffix>` next to the target. */
export function tempFileName(filePath: string, pid = process.pid): string {
  const base = path.basename(filePath);
  return path.join(path.dirname(filePath), `.${base}.${pid}-${randomBytes(6).toString('hex')}${tempSuffix(filePath)}`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files of `filePath` left by writers that are gone (a `kill -9` mid-write). */
export function removeStaleTempFiles(filePath: string): string[] {
  const dir = path.dirname(filePath);
  const prefix = `.${path.basename(filePath)}.`;
  const suffix = tempSuffix(filePath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const middle = name.slice(prefix.length, name.length - suffix.length);
    const match = /^(\d+)-[0-9a-f]+$/.exec(middle);
    if (!match || isRunning(Number(match[1]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    } catch {
      // another writer removed it first
    }
  }
  return removed;
}

function writeRefused(filePath: string, cause: unknown): DlthubError {
  return new DlthubError('WriteRefused', `Cannot write ${filePath}: ${(cause as Error).message}`, {
    hint: 'Check that the directory exists and is writable.',
    location: { file: filePath },
    cause,
  });
}

/** Writes `content` to a fresh 0600 temp file beside `filePath`, fsynced, then given the target's mode. */
function stage(filePath: string, content: string, options: AtomicWriteOptions): string {
  const mode = targetMode(filePath, options);
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  removeStaleTempFiles(filePath);
  const temp = tempFileName(filePath);
  const fd = fs.openSync(temp, 'wx', TEMP_MODE);
  try {
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
    fs.fchmodSync(fd, mode);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return temp;
}

/** Writes synchronously and atomically; creates the parent directory. */
export function writeFileAtomic(filePath: string, content: string, options: AtomicWriteOptions = {}): void {
  let temp: string | undefined;
  try {
    temp = stage(filePath, content, options);
    fs.renameSync(temp, filePath);
  } catch (cause) {
    if (temp) fs.rmSync(temp, { force: true });
    throw writeRefused(filePath, cause);
  }
}

export interface AtomicFileWrite extends AtomicWriteOptions {
  path: string;
  content: string;
}

/**
 * Writes several files as one change: every file is staged (written and fsynced to its temp file)
 * before any is renamed into place, so a failure while writing (a full disk, a refused file) changes
 * none of them. The renames that follow are each atomic and do not fail on a healthy file system.
 */
export function writeFilesAtomic(files: readonly AtomicFileWrite[]): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) staged.push({ temp: stage(file.path, file.content, file), target: file.path });
  } catch (cause) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    throw writeRefused(files[staged.length]?.path ?? '', cause);
  }
  for (const [index, { temp, target }] of staged.entries()) {
    try {
      fs.renameSync(temp, target);
    } catch (cause) {
      for (const rest of staged.slice(index)) fs.rmSync(rest.temp, { force: true });
      throw writeRefused(target, cause);
    }
  }
}
