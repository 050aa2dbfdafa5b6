/**
 * The Python side of the inferred targets, run in a dltHub workspace dir:
 *   node task.js install | run <script.py> | test | lint
 * `install` is `uv sync` with a pyproject.toml, else `pip install -r requirements.txt` into `.venv`;
 * the others use the workspace's virtualenv (or `uv run` when there is none yet). Every failure names
 * what is missing and what to do, and exits 1: a missing tool never passes as an empty success.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const UV_INSTALL = 'https://docs.astral.sh/uv/getting-started/installation/';

class TaskError extends Error {}

function venvBin(cwd: string, name: string): string | null {
  for (const candidate of [join(cwd, '.venv', 'bin', name), join(cwd, '.venv', 'Scripts', `${name}.exe`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function spawn(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<Buffer> {
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
}

/** Runs a tool; "not installed" and "failed" are two different messages. */
function runTool(command: string, args: readonly string[], cwd: string, what: string, missing: string): void {
  const result = spawn(command, args, cwd);
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new TaskError(missing);
  if (result.error) throw new TaskError(`${what} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new TaskError(`${what} failed (exit ${result.status ?? result.signal}).`);
  }
}

function install(cwd: string): void {
  if (existsSync(join(cwd, 'pyproject.toml'))) {
    runTool(
      'uv',
      ['sync'],
      cwd,
      '`uv sync` (installing the dependencies of pyproject.toml)',
      `uv is not installed, and this workspace declares its dependencies in pyproject.toml.\nInstall uv (${UV_INSTALL}) and run the target again.`,
    );
    return;
  }
  if (existsSync(join(cwd, 'requirements.txt'))) {
    if (!venvBin(cwd, 'python')) {
      runTool(
        'python3',
        ['-m', 'venv', '.venv'],
        cwd,
        '`python3 -m venv .venv`',
        'python3 is not installed: it is needed to create the virtualenv .venv for requirements.txt.',
      );
    }
    const python = venvBin(cwd, 'python');
    if (!python) throw new TaskError('The virtualenv .venv has no python after `python3 -m venv .venv`.');
    runTool(
      python,
      ['-m', 'pip', 'install', '-r', 'requirements.txt'],
      cwd,
      '`pip install -r requirements.txt` in .venv (it needs access to the package index)',
      'pip is missing from .venv.',
    );
    return;
  }
  throw new TaskError('Neither pyproject.toml nor requirements.txt is here: there are no dependencies to install.');
}

/** `python <args>` in the workspace's environment. */
function python(cwd: string, args: readonly string[], what: string): void {
  const venvPython = venvBin(cwd, 'python');
  if (venvPython) {
    runTool(venvPython, args, cwd, what, `${venvPython} could not be started.`);
    return;
  }
  if (existsSync(join(cwd, 'pyproject.toml'))) {
    runTool(
      'uv',
      ['run', 'python', ...args],
      cwd,
      what,
      `This workspace has no .venv yet and uv is not installed. Install uv (${UV_INSTALL}) or run the install target first.`,
    );
    return;
  }
  throw new TaskError('This workspace has no .venv yet: run its install target first.');
}

export function main(argv: readonly string[], cwd = process.cwd()): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'install':
        install(cwd);
        break;
      case 'run': {
        const script = rest[0];
        if (!script) throw new TaskError('Usage: task.js run <script.py>');
        python(cwd, [script, ...rest.slice(1)], `\`python ${script}\``);
        break;
      }
      case 'test':
        python(cwd, ['-m', 'pytest', ...rest], '`pytest`');
        break;
      case 'lint':
        python(cwd, ['-m', 'ruff', 'check', '.', ...rest], '`ruff check`');
        break;
      default:
        throw new TaskError(`Unknown task "${command ?? ''}": use install, run <script.py>, test or lint.`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof TaskError)) throw error;
    process.stderr.write(`@dlthub/nx: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
