/**
 * Which Python runs a job, in this order:
 * 1. an interpreter given explicitly (`--python`, or `DLTHUB_PYTHON`);
 * 2. the project's virtualenv through uv, when `uv` is on PATH and the run directory has a `pyproject.toml`
 *    (`uv run --project <dir> [--frozen] python`, which installs the locked dependencies first, as the
 *    platform does);
 * 3. the run directory's `.venv` interpreter, when there is one;
 * 4. `python3`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PythonCommand {
  /** Argv up to and including the interpreter; the launcher and its arguments follow. */
  argv: string[];
  via: 'explicit' | 'uv' | 'venv' | 'default';
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` on PATH, or null. */
export function which(name: string, env: Readonly<Record<string, string | undefined>>): string | null {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

export function resolvePython(
  runDir: string,
  options: { python?: string; env: Readonly<Record<string, string | undefined>> },
): PythonCommand {
  const explicit = options.python ?? options.env['DLTHUB_PYTHON'];
  if (explicit) return { argv: [explicit], via: 'explicit' };
  if (fs.existsSync(path.join(runDir, 'pyproject.toml'))) {
    const uv = which('uv', options.env);
    if (uv) {
      const frozen = fs.existsSync(path.join(runDir, 'uv.lock')) ? ['--frozen'] : [];
      return { argv: [uv, 'run', '--project', runDir, ...frozen, 'python'], via: 'uv' };
    }
  }
  const venv = path.join(runDir, '.venv', 'bin', 'python');
  if (isExecutable(venv)) return { argv: [venv], via: 'venv' };
  return { argv: ['python3'], via: 'default' };
}
