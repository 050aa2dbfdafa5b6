/**
 * Runs the static reader (`python/read_workspace_modules.py`, Python's own `ast`) over a
 * workspace and returns what it found. No user code is imported or executed.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';

/** A value read from source (see the reader's docstring for the tagged forms). */
export type SourceValue =
  | string
  | number
  | boolean
  | null
  | { k: 'list' | 'tuple'; items: SourceValue[] }
  | { k: 'dict'; entries: [SourceValue, SourceValue][] }
  | { k: 'qual'; name: string; line?: number }
  | { k: 'call'; func: string; args: SourceValue[]; kwargs: Record<string, SourceValue>; line: number }
  | { k: 'unknown'; line: number; col: number; source: string };

export interface LocatedValue {
  value: SourceValue;
  line: number;
}

export interface SourceFunction {
  name: string;
  line: number;
  doc: string | null;
  decorators: (SourceValue & { line?: number })[];
  params: { name: string; default: SourceValue; has_default: boolean }[];
  is_async: boolean;
}

export interface SourceModule {
  /** POSIX path relative to the workspace root. */
  file: string;
  doc: string | null;
  all: LocatedValue | null;
  dunders: Record<string, LocatedValue>;
  functions: SourceFunction[];
  /** Module-level `name = call(...)` assignments. */
  calls: Record<string, LocatedValue>;
  /** Local name → `[module]` (import), `[module, name]` (from-import) or null (def/class). */
  bindings: Record<string, string[] | null>;
  imports: string[];
  has_main: boolean;
}

export interface WorkspaceReading {
  entry: string;
  modules: Record<string, SourceModule>;
  errors: { file: string; line: number; message: string }[];
}

/** The reader script ships next to the compiled sources (`python/` at the package root). */
export const READER_SCRIPT = path.resolve(__dirname, '..', '..', 'python', 'read_workspace_modules.py');

export interface ReadOptions {
  /** Python interpreter (default `python3`). Only the standard library is needed. */
  python?: string;
}

export function readWorkspaceModules(
  rootDir: string,
  entryFile: string,
  options: ReadOptions = {},
): Promise<WorkspaceReading> {
  const python = options.python ?? 'python3';
  return new Promise((resolve, reject) => {
    execFile(
      python,
      ['-I', '-S', READER_SCRIPT, rootDir, entryFile],
      { maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env['PATH'] ?? '' } },
      (error, stdout, stderr) => {
        let parsed: (WorkspaceReading & { error?: string }) | undefined;
        try {
          parsed = JSON.parse(stdout) as WorkspaceReading & { error?: string };
        } catch {
          parsed = undefined;
        }
        if (parsed?.error)
          return reject(
            new DlthubError('NotFound', parsed.error, {
              location: { file: entryFile },
              hint: 'Pass an existing .py file of the workspace.',
            }),
          );
        if (error || parsed === undefined)
          return reject(
            new DlthubError(
              'Internal',
              `Cannot read the workspace's Python sources with ${python}: ${stderr.trim() || error?.message}`,
              {
                hint: 'Make sure python3 (3.9 or newer) is on PATH.',
                cause: error,
              },
            ),
          );
        resolve(parsed);
      },
    );
  });
}
