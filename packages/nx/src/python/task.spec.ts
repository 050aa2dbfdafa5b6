/**
 * The Python task helper as the inferred targets run it: a real `node` process in a real temp dir.
 * This machine has python3 but neither uv nor access to a Python package index, which is exactly the
 * situation where `install` must fail loudly instead of passing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const TASK = join(__dirname, 'task.ts');

function runTask(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['-r', require.resolve('@swc-node/register'), TASK, ...args], {
    cwd,
    encoding: 'utf-8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function systemPython(): string {
  return spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf-8' }).stdout.trim();
}

/** PATH with only the dirs of node and python3: no uv on it, whatever the machine has. */
function pathWithoutUv(): string {
  return [dirname(process.execPath), dirname(systemPython()), '/usr/bin', '/bin'].join(delimiter);
}

describe('python task helper', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dlthub-pytask-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('install with pyproject.toml and no uv fails and says how to get uv', () => {
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "ws"\n');
    const result = runTask(dir, ['install'], { PATH: pathWithoutUv() });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(
      /uv is not installed, and this workspace declares its dependencies in pyproject\.toml/,
    );
    expect(result.output).toMatch(/docs\.astral\.sh\/uv/);
  });

  it('install with requirements.txt and no package index fails, naming pip', () => {
    writeFileSync(join(dir, 'requirements.txt'), 'dlt>=1.0\n');
    // A ready .venv (its python is the system one, which has pip): creating a real one takes a minute here.
    mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
    symlinkSync(systemPython(), join(dir, '.venv', 'bin', 'python'));
    // An index on a closed local port: what "no network" looks like to pip, without waiting for timeouts.
    const result = runTask(dir, ['install'], {
      PIP_INDEX_URL: 'http://127.0.0.1:9/simple',
      PIP_RETRIES: '0',
      PIP_TIMEOUT: '2',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
    });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(
      /`pip install -r requirements\.txt` in \.venv \(it needs access to the package index\) failed/,
    );
  }, 120_000);

  it('run without a virtualenv or uv asks for the install target', () => {
    writeFileSync(join(dir, 'requirements.txt'), '');
    writeFileSync(join(dir, 'x_pipeline.py'), 'print("hi")\n');
    const result = runTask(dir, ['run', 'x_pipeline.py'], { PATH: pathWithoutUv() });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/no \.venv yet: run its install target first/);
  });

  it('an unknown task is an error naming the known ones', () => {
    const result = runTask(dir, ['build']);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/Unknown task "build": use install, run <script\.py>, test or lint/);
  });
});
