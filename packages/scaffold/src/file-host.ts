/**
 * The file system the scaffolders write to. The CLI passes the real disk (`nodeFileHost`), the Nx
 * generators adapt their `Tree`, tests use `memoryFileHost`: the planning code never touches `fs`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSecretsFile, writeFileAtomic } from '@dlthub/config-core';

export interface FileHost {
  /** Absolute root, for messages. Paths passed to the methods are relative to it, with '/' separators. */
  readonly root: string;
  exists(path: string): boolean;
  isFile(path: string): boolean;
  /** utf-8 text, null when absent. */
  read(path: string): string | null;
  /** Atomic on disk. */
  write(path: string, content: string, options?: { mode?: number }): void;
  delete(path: string): void;
}

/** Mode of secrets files: readable by the owner only, as dlt's own writers do. */
export const SECRETS_FILE_MODE = 0o600;

export function nodeFileHost(rootDir: string): FileHost {
  const root = path.resolve(rootDir);
  const abs = (relative: string): string => path.resolve(root, relative);
  return {
    root,
    exists: (relative) => fs.existsSync(abs(relative)),
    isFile: (relative) => {
      try {
        return fs.statSync(abs(relative)).isFile();
      } catch {
        return false;
      }
    },
    read: (relative) => {
      try {
        return fs.readFileSync(abs(relative), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: (relative, content, options) => {
      const target = abs(relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const mode = options?.mode ?? (isSecretsFile(target) ? SECRETS_FILE_MODE : undefined);
      writeFileAtomic(target, content, mode === undefined ? {} : { mode });
    },
    delete: (relative) => fs.rmSync(abs(relative), { force: true }),
  };
}

/** An in-memory host (tests, previews). `files` maps relative paths to contents. */
export function memoryFileHost(
  root = '/workspace',
  files: Record<string, string> = {},
): FileHost & {
  readonly files: Map<string, string>;
  readonly modes: Map<string, number>;
} {
  const contents = new Map(Object.entries(files).map(([key, value]) => [normalizePath(key), value]));
  const modes = new Map<string, number>();
  const isDirectory = (relative: string): boolean => {
    const prefix = relative === '' ? '' : `${relative}/`;
    return [...contents.keys()].some((key) => key.startsWith(prefix));
  };
  return {
    root,
    files: contents,
    modes,
    exists: (relative) => contents.has(normalizePath(relative)) || isDirectory(normalizePath(relative)),
    isFile: (relative) => contents.has(normalizePath(relative)),
    read: (relative) => contents.get(normalizePath(relative)) ?? null,
    write: (relative, content, options) => {
      contents.set(normalizePath(relative), content);
      if (options?.mode !== undefined) modes.set(normalizePath(relative), options.mode);
    },
    delete: (relative) => {
      contents.delete(normalizePath(relative));
    },
  };
}

/** `a/./b/` → `a/b`; `.` → ``. */
export function normalizePath(relative: string): string {
  const normalized = path.posix.normalize(relative.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normalized === '.' ? '' : normalized;
}

/** Joins the workspace directory and a path inside it into a host path. */
export function hostPath(directory: string, relative: string): string {
  return normalizePath(path.posix.join(normalizePath(directory) || '.', relative));
}
