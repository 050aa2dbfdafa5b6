/**
 * Load test of the local control plane on loopback: `runLoadBench` from @dlthub/control-plane with 50
 * concurrent clients for `GET /api/v1/me`, `GET /api/v1/workspaces` and `POST …/configurations` (each a
 * new encrypted version), against a real server process on SQLite (seeded data dir) and one on PostgreSQL
 * (a server started from the embedded binaries), bounded in request count and wall time. The in-run baseline is a bare `node:http`
 * process answering `{}` to the same load, so the ratio says what the API itself costs on this machine.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLoadBench, spawnControlPlane, type LoadBenchResult } from '@dlthub/control-plane';
import { startTestPostgres } from '@dlthub/control-plane/testing';
import type { Benchmark } from './benchmark';

const CONCURRENCY = 50;
const benchToken = 'dlthub_at_bench_token_0123456789abcdef';

const bareServer = `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{}'); }); })
  .listen(0, '127.0.0.1', function () { process.stdout.write('http://127.0.0.1:' + this.address().port + '\\n'); });`;

function seedFile(dir: string): string {
  const file = path.join(dir, 'seed.json');
  const organizations = ['acme', 'beta', 'gamma'].map((name) => ({
    name,
    members: [{ username: 'bench', role: 'owner' }],
    workspaces: Array.from({ length: 10 }, (_, i) => ({ name: `${name}-ws-${i}`, jobs: ['load'] })),
  }));
  fs.writeFileSync(
    file,
    JSON.stringify({
      users: [{ username: 'bench' }],
      organizations,
      tokens: [{ username: 'bench', token: benchToken }],
    }),
  );
  return file;
}

function lines(label: string, result: LoadBenchResult): string[] {
  return result.operations.map(
    (op) =>
      `${`${label} ${op.operation}`.padEnd(34)} ${String(op.requests).padStart(5)} req  ${String(op.requestsPerSecond).padStart(6)} req/s  p50 ${op.p50Ms.toFixed(1).padStart(6)} ms  p99 ${op.p99Ms.toFixed(1).padStart(6)} ms  errors ${op.errors}`,
  );
}

export const controlPlaneBenchmark: Benchmark = {
  name: 'control-plane',
  description: `local control plane (SQLite and PostgreSQL) under ${CONCURRENCY} concurrent clients (me, workspace list, configuration upload) vs a bare node:http server`,
  async run({ quick }) {
    const requests = quick ? 1000 : 4000;
    const durationMs = quick ? 10_000 : 20_000;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-cp-bench-'));
    const seed = seedFile(base);
    const serverArgs = [
      '--port',
      '0',
      '--seed',
      seed,
      '--quiet',
      // The benchmark writes thousands of versions on purpose; the per-user upload limit would stop it.
      '--uploads-per-hour',
      '1000000',
    ];
    const keyFile = path.join(base, 'secrets.key');
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    const postgres = await startTestPostgres();
    const bare = await spawnControlPlane({ script: '-e', args: [bareServer] });
    const planes: { label: string; plane: Awaited<ReturnType<typeof spawnControlPlane>> }[] = [];
    try {
      planes.push({
        label: 'sqlite',
        plane: await spawnControlPlane({ args: [...serverArgs, '--data-dir', path.join(base, 'data')] }),
      });
      const databaseUrl = await postgres.createDatabase('bench');
      planes.push({
        label: 'postgres',
        plane: await spawnControlPlane({
          args: [...serverArgs, '--database-url', databaseUrl, '--secrets-key-file', keyFile],
        }),
      });
      const options = { token: benchToken, concurrency: CONCURRENCY, requests, durationMs };
      const uploadTo = async (url: string) => {
        const workspaces = await fetch(`${url}/api/v1/workspaces`, {
          headers: { authorization: `Bearer ${benchToken}` },
        });
        const first = ((await workspaces.json()) as { items: { id: string }[] }).items[0];
        if (!first) throw new Error(`no workspace to upload to at ${url}`);
        return first.id;
      };
      // A short unmeasured round per server warms the JIT and the connection pools on both sides.
      await runLoadBench({ ...options, url: bare.url, requests: 200, uploadWorkspaceId: 'warmup' });
      const baseline = await runLoadBench({ ...options, url: bare.url, uploadWorkspaceId: 'baseline' });
      const out: string[] = [];
      const measured: LoadBenchResult[] = [];
      for (const { label, plane } of planes) {
        await runLoadBench({ ...options, url: plane.url, requests: 200 });
        const result = await runLoadBench({ ...options, url: plane.url, uploadWorkspaceId: await uploadTo(plane.url) });
        measured.push(result);
        out.push(...lines(`control plane ${label}`, result));
      }
      out.push(...lines('baseline node:http', baseline));
      const rps = (result: LoadBenchResult) => Math.min(...result.operations.map((op) => op.requestsPerSecond));
      const ratio = rps(baseline) / Math.max(1, Math.min(...measured.map(rps)));
      const errors = measured.reduce((sum, result) => sum + result.errors, 0);
      out.push(
        `bare/control-plane throughput ratio (slowest operation)  ${ratio.toFixed(2)}×   errors ${errors}${errors === 0 ? ' (ok)' : ' (FAILED: expected none)'}`,
      );
      return { ratio, lines: out };
    } finally {
      for (const { plane } of planes) await plane.stop();
      await bare.stop();
      await postgres.stop();
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
