/**
 * What the remote-run measurement needs: a local control plane started for the bench (seeded with one user, a
 * workspace and an API key, so the CLI authenticates from the environment with no login and no picker), and a
 * workspace holding `hello.py`, a plain module job printing one line, already connected and deployed once so
 * the measured runs time the steady state: unchanged code and configuration, a trigger, the run and its logs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { spawnControlPlane } from '@dlthub/control-plane';

/** Bench-only credential; the control plane stores only its hash. */
export const BENCH_API_KEY = 'dlt_u_bench_remote_run_4b9e2d7a1c6f3e8b';
export const BENCH_WORKSPACE = 'bench-hello';
/** The remote workspaces `dlthub deploy` is timed against: one for a one-job workspace, one for 2,000 files more. */
export const DEPLOY_WORKSPACES = { small: 'bench-deploy-small', large: 'bench-deploy-large' } as const;
export const HELLO_PY = 'if __name__ == "__main__":\n    print("hello")\n';
const DEPLOYMENT_PY = 'import hello\n\n__all__ = ["hello"]\n';

export function remoteRunSeed(apiKey = BENCH_API_KEY) {
  return {
    users: [{ username: 'bench', email: 'bench@example.test', name: 'Bench' }],
    organizations: [
      {
        name: 'bench-org',
        members: [{ username: 'bench', role: 'owner' }],
        workspaces: [BENCH_WORKSPACE, ...Object.values(DEPLOY_WORKSPACES)].map((name) => ({ name })),
      },
    ],
    api_keys: [{ username: 'bench', name: 'bench', key: apiKey }],
  };
}

/** A workspace directory (the empty `.dlt/.workspace` marker, as `dlthub init` writes it) with `hello.py` in it. */
export function generateHelloWorkspace(dir: string): void {
  fs.mkdirSync(path.join(dir, '.dlt'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.dlt', '.workspace'), '');
  fs.writeFileSync(path.join(dir, 'hello.py'), HELLO_PY);
}

/** The hello workspace with a `__deployment__.py` declaring hello.py as its one job, so `dlthub deploy` has a job to ship. */
export function generateDeployableWorkspace(dir: string): void {
  generateHelloWorkspace(dir);
  fs.writeFileSync(path.join(dir, '__deployment__.py'), DEPLOYMENT_PY);
}

export interface RemoteRunSetup {
  url: string;
  /** The CLI's environment: only the local control plane, the API key and a sandboxed global dir. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startRemoteRunPlane(baseDir: string): Promise<RemoteRunSetup> {
  const seedFile = path.join(baseDir, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(remoteRunSeed()));
  const plane = await spawnControlPlane({
    args: [
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      path.join(baseDir, 'control-plane-data'),
      '--seed',
      seedFile,
      '--poll-interval',
      '1',
      '--quiet',
    ],
  });
  const globalDir = path.join(baseDir, 'global');
  fs.mkdirSync(globalDir, { recursive: true });
  return {
    url: plane.url,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: baseDir,
      DLTHUB_GLOBAL_DIR: globalDir,
      RUNTIME__API_BASE_URL: plane.url,
      RUNTIME__API_KEY: BENCH_API_KEY,
      NO_COLOR: '1',
    },
    stop: async () => {
      await plane.stop();
    },
  };
}

/** GET with the bench API key, on a fresh connection (no pooled socket outlives the control plane). */
export function getWithApiKey(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent: false, headers: { authorization: `Bearer ${BENCH_API_KEY}` } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    request.on('error', reject);
  });
}

/** The bench workspace's organization id, read with the API key as the CLI would. */
export async function benchOrgId(url: string): Promise<string> {
  const me = await getWithApiKey(`${url}/api/v1/me`);
  if (me.status !== 200) throw new Error(`GET /api/v1/me answered ${me.status}`);
  const { organizations } = me.body as { organizations: { id: string; name: string }[] };
  const org = organizations.find((candidate) => candidate.name === 'bench-org');
  if (!org) throw new Error('the bench seed has no organization bench-org');
  return org.id;
}

/** Connects `dir` to `workspace` and deploys it once, so that later deploys find code and configuration unchanged. */
export function connectAndDeploy(
  bin: string,
  dir: string,
  env: Record<string, string>,
  orgId: string,
  workspace: string,
): void {
  execFileSync(process.execPath, [bin, 'deploy', '--workspace', workspace, '--org-id', orgId], {
    cwd: dir,
    env,
    stdio: 'pipe',
  });
}

/** Connects `dir` to the bench workspace and runs hello.py once (uploading code and configuration). */
export function connectAndWarmUp(bin: string, dir: string, env: Record<string, string>, orgId: string): string {
  return execFileSync(
    process.execPath,
    [bin, 'run', 'hello.py', '-f', '--workspace', BENCH_WORKSPACE, '--org-id', orgId],
    { cwd: dir, env, stdio: 'pipe' },
  ).toString();
}
