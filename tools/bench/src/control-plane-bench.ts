/**
 * Load test of the local control plane on loopback: `runLoadBench` from @dlthub/control-plane with 50
 * concurrent clients for `GET /api/v1/me`, `GET /api/v1/workspaces` and `POST …/configurations` (each a
 * new encrypted version), against a real server process
 * (seeded data dir), bounded in request count and wall time. The in-run baseline is a bare `node:http`
 * process answering `{}` to the same load, so the ratio says what the API itself costs on this machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLoadBench, spawnControlPlane, type LoadBenchResult } from '@dlthub/control-plane';
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
  description: `local control plane (JSON state file) under ${CONCURRENCY} concurrent clients (me, workspace list, configuration upload) vs a bare node:http server`,
  async run({ quick }) {
    const requests = quick ? 1000 : 4000;
    const durationMs = quick ? 10_000 : 20_000;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-cp-bench-'));
    const bare = await spawnControlPlane({ script: '-e', args: [bareServer] });
    const plane = await spawnControlPlane({
      args: [
        '--port',
        '0',
        '--data-dir',
        path.join(base, 'data'),
        '--seed',
        seedFile(base),
        '--quiet',
        // The benchmark writes thousands of versions on purpose; the per-user upload limit would stop it.
        '--uploads-per-hour',
        '1000000',
      ],
    });
    try {
      const workspaces = await fetch(`${plane.url}/api/v1/workspaces`, {
        headers: { authorization: `Bearer ${benchToken}` },
      });
      const uploadWorkspaceId = ((await workspaces.json()) as { items: { id: string }[] }).items[0].id;
      const options = { token: benchToken, concurrency: CONCURRENCY, requests, durationMs, uploadWorkspaceId };
      // A short unmeasured round per server warms the JIT and the connection pools on both sides.
      for (const url of [bare.url, plane.url]) await runLoadBench({ ...options, url, requests: 200 });
      const baseline = await runLoadBench({ ...options, url: bare.url });
      const measured = await runLoadBench({ ...options, url: plane.url });
      const rps = (result: LoadBenchResult) => Math.min(...result.operations.map((op) => op.requestsPerSecond));
      const ratio = rps(baseline) / Math.max(1, rps(measured));
      return {
        ratio,
        lines: [
          ...lines('control plane', measured),
          ...lines('baseline node:http', baseline),
          `bare/control-plane throughput ratio  ${ratio.toFixed(2)}×   errors ${measured.errors}${measured.errors === 0 ? ' (ok)' : ' (FAILED: expected none)'}`,
        ],
      };
    } finally {
      await plane.stop();
      await bare.stop();
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
