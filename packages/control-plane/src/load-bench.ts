import { apiPaths } from '@dlthub/api-schema';

export interface LoadBenchOptions {
  /** Base URL of a control plane on loopback. */
  url: string;
  /** Bearer token or API key of a seeded user. */
  token: string;
  /** Concurrent clients (default 50). */
  concurrency?: number;
  /** Requests per operation (default 2000). */
  requests?: number;
  /** Hard cap on the wall time per operation (default 20 s). */
  durationMs?: number;
  /** Also measure `POST …/configurations` into this workspace, each request a new version (a real write). */
  uploadWorkspaceId?: string;
}

export interface OperationStats {
  operation: 'me' | 'workspace list' | 'configuration upload';
  requests: number;
  errors: number;
  durationMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadBenchResult {
  concurrency: number;
  operations: OperationStats[];
  errors: number;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runOperation(
  operation: OperationStats['operation'],
  target: string,
  token: string,
  concurrency: number,
  requests: number,
  durationMs: number,
  body?: (n: number) => string,
): Promise<OperationStats> {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  async function client(): Promise<void> {
    while (issued < requests && performance.now() < deadline) {
      issued += 1;
      const n = issued;
      const t0 = performance.now();
      try {
        const response = await fetch(target, {
          method: body ? 'POST' : 'GET',
          body: body?.(n),
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - t0))),
        });
        await response.arrayBuffer();
        if (!response.ok) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    operation,
    requests: latencies.length,
    errors,
    durationMs: Math.round(elapsed),
    requestsPerSecond: Math.round((latencies.length / elapsed) * 1000),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
}

/**
 * Load test of `GET /api/v1/me` and `GET /api/v1/workspaces` with N concurrent clients, bounded
 * in request count and wall time. Loopback only: it refuses any other host.
 */
export async function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchResult> {
  const base = new URL(options.url);
  if (!loopbackHosts.has(base.hostname)) {
    throw new Error(`runLoadBench only targets loopback addresses, not ${base.hostname}.`);
  }
  const concurrency = options.concurrency ?? 50;
  const requests = options.requests ?? 2000;
  const durationMs = options.durationMs ?? 20_000;
  const operations: OperationStats[] = [];
  operations.push(
    await runOperation('me', new URL(apiPaths.me(), base).href, options.token, concurrency, requests, durationMs),
  );
  operations.push(
    await runOperation(
      'workspace list',
      new URL(apiPaths.workspaces(), base).href,
      options.token,
      concurrency,
      requests,
      durationMs,
    ),
  );
  if (options.uploadWorkspaceId) {
    const uploadBody = (n: number) =>
      JSON.stringify({
        profiles: { prod: { config: `[runtime]\nbench_run = ${n}\n`, secrets: 'password = "bench-secret"\n' } },
        workspace: { config: '', secrets: '' },
      });
    operations.push(
      await runOperation(
        'configuration upload',
        new URL(apiPaths.workspaceConfigurations(options.uploadWorkspaceId), base).href,
        options.token,
        concurrency,
        requests,
        durationMs,
        uploadBody,
      ),
    );
  }
  return { concurrency, operations, errors: operations.reduce((sum, op) => sum + op.errors, 0) };
}
