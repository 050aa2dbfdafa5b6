import { spawn } from 'node:child_process';
import { controlPlaneBin as binPath, spawnControlPlane, type SpawnedControlPlane } from '../spawn';

/** Starts the real bin (with the demo sign-in) as a child process and waits for the URL on its first stdout line. */
export function startProcess(args: string[]): Promise<SpawnedControlPlane> {
  return spawnControlPlane({ args, demoSignIn: true });
}

export function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
