/**
 * Runs the control plane as a child process, as users, the demo, benchmarks and end-to-end tests do:
 * `dlthub-control-plane --port 0 …` prints the URL it listens on as its first stdout line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The package's bin script (the built CLI behind a small shim). */
export const controlPlaneBin = path.join(__dirname, '..', 'bin', 'dlthub-control-plane.js');

export interface SpawnControlPlaneOptions {
  /** Node script to run; defaults to the control plane's bin. Benchmarks pass a bare server to compare. */
  script?: string;
  /** Arguments after the script, e.g. `['--port', '0', '--data-dir', dir]`. */
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Adds `--demo-sign-in`: the username-only sign-in demos and tests approve device codes with (loopback only). */
  demoSignIn?: boolean;
}

export interface SpawnedControlPlane {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (for tests that check nothing secret was logged). */
  output(): { stdout: string; stderr: string };
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code (null when killed). Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnControlPlane(options: SpawnControlPlaneOptions): Promise<SpawnedControlPlane> {
  const script = options.script ?? controlPlaneBin;
  const args = options.demoSignIn ? [...options.args, '--demo-sign-in'] : options.args;
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      child.stdout.off('data', onData);
      resolve(stdout.slice(0, newline).trim());
    };
    child.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`${path.basename(script)} exited before printing its URL:\n${stderr}`)));
  });
  return {
    url,
    child,
    output: () => ({ stdout, stderr }),
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
