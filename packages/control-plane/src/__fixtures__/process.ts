import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const binPath = join(__dirname, '..', '..', 'bin', 'dlthub-control-plane.js');

export interface ControlPlaneProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  output: () => { stdout: string; stderr: string };
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts the real bin as a child process and waits for the URL on its first stdout line. */
export function startProcess(args: string[]): Promise<ControlPlaneProcess> {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const before = stdout;
      stdout += chunk.toString();
      if (!before.includes('\n') && stdout.includes('\n')) {
        resolve({
          url: stdout.split('\n')[0]!,
          child,
          output: () => ({ stdout, stderr }),
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`control plane exited (${code}) before printing its URL: ${stderr}`)));
  });
}

export function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
