import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { buildCodePackage } from '@dlthub/deployment';
import { demoDecide } from '../demo-browser';
import type { Seed } from '../seed';
import { tableColumns, type TableName, type Tables } from '../store/schema';
import { sqliteFileName } from '../store/sqlite';
import type { Store } from '../store/types';

/** Known plaintext credentials of the demo seed; tests assert they never show up in output. */
export const aliceApiKey = 'dlt_u_fixture_alice_key_0123456789abcdef';
export const expiredApiKey = 'dlt_u_fixture_expired_key_0123456789abcdef';
export const aliceToken = 'dlthub_at_fixture_alice_token_0123456789';
export const bobApiKey = 'dlt_u_fixture_bob_key_0123456789abcdef';

export const demoSeed: Seed = {
  users: [
    { username: 'alice', email: 'alice@example.test', name: 'Alice' },
    { username: 'bob', name: 'Bob' },
    { username: 'carol' },
  ],
  organizations: [
    {
      name: 'acme',
      members: [
        { username: 'alice', role: 'owner' },
        { username: 'carol', role: 'collaborator' },
      ],
      workspaces: [
        { name: 'analytics', jobs: ['daily_load', 'hourly_sync'], repository: 'git@example.test:acme/old.git' },
        { name: 'marketing' },
      ],
    },
    {
      name: 'beta-corp',
      members: [
        { username: 'alice', role: 'member' },
        { username: 'bob', role: 'owner' },
      ],
      workspaces: [{ name: 'sandbox' }],
    },
  ],
  api_keys: [
    { username: 'alice', name: 'ci', key: aliceApiKey },
    { username: 'alice', name: 'old', key: expiredApiKey, expires_at: '2020-01-01T00:00:00.000Z' },
    { username: 'bob', name: 'bob', key: bobApiKey },
  ],
  tokens: [{ username: 'alice', token: aliceToken }],
};

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    redirect: 'manual',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML pages and empty bodies stay text
  }
  return { status: response.status, body, headers: response.headers };
}

/** Signs in on the approval page (demo sign-in) and approves or denies a user code, as a browser would. */
export const decideInBrowser = demoDecide;

/** Every record of every table, for assertions on what the store holds. */
export async function dumpTables(store: Store): Promise<{ [K in TableName]: Tables[K][] }> {
  return store.read(async (tx) => {
    const dump: Partial<Record<TableName, unknown[]>> = {};
    for (const table of Object.keys(tableColumns) as TableName[]) dump[table] = await tx.list(table);
    return dump as { [K in TableName]: Tables[K][] };
  });
}

/** The SQLite database of a data dir as it is on disk (main file and write-ahead log), for "never stored in clear" checks. */
export function databaseBytesOnDisk(dataDir: string): string {
  return ['', '-wal']
    .map((suffix) => join(dataDir, `${sqliteFileName}${suffix}`))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

/** Writes files (relative path → text) under a fresh folder of `root` and returns that folder. */
export function writeFiles(root: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'files-'));
  for (const [relative, text] of Object.entries(files)) {
    const file = join(dir, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** A plain module job (`if __name__ == "__main__"`) as a deploy request lists it, with any fields given. */
export function moduleJob(
  module: string,
  fields: { triggers?: string[]; execute?: Record<string, unknown>; expose?: Record<string, unknown> } = {},
) {
  return {
    job_ref: `jobs.${module}`,
    entry_point: { module, function: null, job_type: 'batch', launcher: 'dlt._workspace.deployment.launchers.module' },
    triggers: [],
    execute: {},
    ...fields,
  };
}

/** Writes `files` under `root`, packs them as a code package and uploads it to `workspace` as the deployment. */
export async function uploadCode(
  planeUrl: string,
  workspace: string,
  root: string,
  files: Record<string, string>,
  token: string = aliceToken,
): Promise<void> {
  const pkg = await buildCodePackage(writeFiles(root, files));
  const uploaded = await fetch(new URL(apiPaths.workspaceDeployments(workspace), planeUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
    body: pkg.tarball,
  });
  if (uploaded.status !== 201) throw new Error(`Code upload answered ${uploaded.status}: ${await uploaded.text()}`);
}
