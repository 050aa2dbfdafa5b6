/**
 * dlt's global settings dir (run_context.py, reference §1.2): `/var/dlt` as root, else `~/.dlt`
 * if it exists, else `$XDG_DATA_HOME/dlt` when set, else `~/.dlt`. Our one addition:
 * `DLTHUB_GLOBAL_DIR` overrides it (tests, CI, sandboxes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Env } from './types';

export interface GlobalDirOptions {
  env: Env;
  /** Home dir; defaults to `env.HOME`, then the OS home. */
  homeDir?: string;
  /** Whether the process runs as root (euid 0); defaults to the current process. */
  isRoot?: boolean;
}

export function isRootProcess(): boolean {
  return typeof process.geteuid === 'function' && process.geteuid() === 0;
}

export function resolveGlobalDir(options: GlobalDirOptions): string {
  const override = options.env.DLTHUB_GLOBAL_DIR;
  if (override) return path.resolve(override);
  const isRoot = options.isRoot ?? isRootProcess();
  if (isRoot) return '/var/dlt';
  const home = options.homeDir ?? options.env.HOME ?? os.homedir();
  const homeDlt = path.join(home, '.dlt');
  if (fs.existsSync(homeDlt)) return homeDlt;
  const xdg = options.env.XDG_DATA_HOME;
  if (xdg) return path.join(xdg, 'dlt');
  return homeDlt;
}
