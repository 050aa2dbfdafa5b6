/** Child processes for end-to-end runs: real binaries, captured output, no shell. */
import { spawnSync } from 'node:child_process';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, for assertions on what a user sees. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Return a failing result instead of throwing. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

/** Nx without daemon, cloud, TUI or analytics prompts: deterministic and non-interactive. */
export const NX_ENV: Readonly<Record<string, string>> = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_INTERACTIVE: 'false',
  NX_SKIP_NX_CACHE: 'false',
  CI: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function childEnv(extra: RunOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...NX_ENV };
  // Jest and the host repository's Nx set these; a child must resolve packages as a user would.
  for (const key of [
    'NODE_OPTIONS',
    'NX_WORKSPACE_ROOT_PATH',
    'NX_TASK_TARGET_PROJECT',
    'NX_TASK_HASH',
    'JEST_WORKER_ID',
    'NODE_PATH',
  ])
    delete env[key];
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function run(command: string, args: readonly string[], options: RunOptions): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: childEnv(options.env),
    encoding: 'utf-8',
    timeout: options.timeoutMs ?? 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  const outcome: RunResult = {
    status: result.status ?? 1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
    durationMs,
  };
  if (outcome.status !== 0 && !options.allowFailure) {
    throw new Error(
      `\`${[command, ...args].join(' ')}\` in ${options.cwd} exited with ${outcome.status}:\n${outcome.output.slice(-4000)}`,
    );
  }
  return outcome;
}
