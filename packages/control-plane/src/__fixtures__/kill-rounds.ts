import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths, configurationContentHash } from '@dlthub/api-schema';
import type { Store } from '../store/types';
import { aliceToken, api, demoSeed } from './harness';
import { startProcess } from './process';

/** What the server said was done before it died. */
interface Acknowledged {
  workspaces: string[];
  configurations: { id: string; version: number; content_hash: string }[];
}

function uploadBody(round: number, client: number, n: number) {
  return {
    profiles: { prod: { config: `round = ${round}\nclient = ${client}\nn = ${n}\n`, secrets: `token = "s-${n}"\n` } },
    workspace: { config: '', secrets: '' },
  };
}

/** Concurrent clients creating workspaces and uploading configurations until the server stops answering. */
async function burst(
  url: string,
  round: number,
  clients: number,
  uploadTo: string,
  acknowledged: Acknowledged,
): Promise<void> {
  const orgs = await api(url, 'GET', apiPaths.organizations(), { token: aliceToken });
  const acme = orgs.body.items.find((o: { name: string }) => o.name === 'acme').id as string;
  async function client(c: number): Promise<void> {
    // Bounded: the server is killed long before, but a loop must never run on forever.
    for (let n = 0; n < 500; n++) {
      try {
        if (n % 2 === 0) {
          const name = `r${round}-c${c}-${n}`;
          const created = await api(url, 'POST', apiPaths.organizationWorkspaces(acme), {
            token: aliceToken,
            body: { name },
          });
          if (created.status === 201) acknowledged.workspaces.push(name);
        } else {
          const uploaded = await api(url, 'POST', apiPaths.workspaceConfigurations(uploadTo), {
            token: aliceToken,
            body: uploadBody(round, c, n),
          });
          if (uploaded.status === 201) acknowledged.configurations.push(uploaded.body);
        }
      } catch {
        return; // The connection died with the server.
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
}

/**
 * Ten rounds of: start the real server process, burst writes at it, `kill -9` it mid-burst. Then
 * every acknowledged write must be in the store, and nothing half-applied: each configuration has
 * its content (which matches its hash), versions of a workspace run 1..n without a gap or a twin.
 */
export async function killDuringBursts(options: {
  dir: string;
  serverArgs: string[];
  openStore: () => Promise<Store>;
  rounds?: number;
}): Promise<{ workspaces: number; configurations: number }> {
  const seedFile = join(options.dir, 'kill-seed.json');
  writeFileSync(seedFile, JSON.stringify(demoSeed));
  const all: Acknowledged = { workspaces: [], configurations: [] };
  for (let round = 0; round < (options.rounds ?? 10); round++) {
    const plane = await startProcess([
      ...options.serverArgs,
      '--seed',
      seedFile,
      '--uploads-per-hour',
      '1000000',
      '--quiet',
    ]);
    try {
      const list = await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken });
      const target = list.body.items.find((w: { name: string }) => w.name === 'marketing').id as string;
      const acknowledged: Acknowledged = { workspaces: [], configurations: [] };
      const running = burst(plane.url, round, 16, target, acknowledged);
      // Mid-burst: once both kinds of write have been acknowledged (bounded wait), then at a random moment.
      for (let waited = 0; waited < 10_000; waited += 10) {
        if (acknowledged.workspaces.length >= 2 && acknowledged.configurations.length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
      expect(await plane.stop('SIGKILL')).toBeNull();
      await running;
      all.workspaces.push(...acknowledged.workspaces);
      all.configurations.push(...acknowledged.configurations);
    } finally {
      await plane.stop('SIGKILL');
    }
  }
  expect(all.workspaces.length).toBeGreaterThan(0);
  expect(all.configurations.length).toBeGreaterThan(0);

  const store = await options.openStore();
  try {
    await store.read(async (tx) => {
      const names = new Set((await tx.list('workspaces')).map((w) => w.name));
      expect(all.workspaces.filter((name) => !names.has(name))).toEqual([]);
      const stored = await tx.list('configurations');
      const byId = new Map(stored.map((c) => [c.id, c]));
      for (const acknowledged of all.configurations) {
        expect(byId.get(acknowledged.id)).toMatchObject({
          version: acknowledged.version,
          content_hash: acknowledged.content_hash,
        });
      }
      for (const configuration of stored) {
        const content = await tx.configurationContent(configuration.id);
        expect(content).toBeDefined();
        expect(configurationContentHash(JSON.parse(content!))).toBe(configuration.content_hash);
      }
      const versions = stored.map((c) => c.version).sort((a, b) => a - b);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    });
  } finally {
    await store.close();
  }
  return { workspaces: all.workspaces.length, configurations: all.configurations.length };
}
