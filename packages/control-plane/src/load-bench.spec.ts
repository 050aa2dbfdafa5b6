import { aliceToken, demoSeed, tempDir } from './__fixtures__/harness';
import { runLoadBench } from './load-bench';
import { startControlPlane } from './server';

describe('runLoadBench', () => {
  it('drives me and workspace list with 50 concurrent clients, bounded by count', async () => {
    const { dir, cleanup } = tempDir('cp-bench-');
    const plane = await startControlPlane({ dataDir: dir, seed: demoSeed });
    try {
      const result = await runLoadBench({
        url: plane.url,
        token: aliceToken,
        concurrency: 50,
        requests: 200,
        durationMs: 20_000,
      });
      expect(result.concurrency).toBe(50);
      expect(result.operations.map((op) => [op.operation, op.requests, op.errors])).toEqual([
        ['me', 200, 0],
        ['workspace list', 200, 0],
      ]);
      expect(result.operations.every((op) => op.p99Ms >= op.p50Ms && op.requestsPerSecond > 0)).toBe(true);
    } finally {
      await plane.close();
      cleanup();
    }
  });

  it('counts failures as errors (wrong token → 401s)', async () => {
    const { dir, cleanup } = tempDir('cp-bench-');
    const plane = await startControlPlane({ dataDir: dir, seed: demoSeed });
    try {
      const result = await runLoadBench({ url: plane.url, token: 'dlthub_at_wrong', concurrency: 5, requests: 10 });
      expect(result.errors).toBe(20);
    } finally {
      await plane.close();
      cleanup();
    }
  });

  it('refuses non-loopback targets', async () => {
    await expect(runLoadBench({ url: 'http://example.com', token: 'x' })).rejects.toThrow('only targets loopback');
  });
});
