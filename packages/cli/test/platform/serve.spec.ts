/**
 * `dlthub serve` of a decorated interactive job with the built binary against one real control-plane process:
 * the job is deployed, served on a loopback port, answers HTTP at the run's URL and stops on cancel.
 *
 * Decorated jobs import `dlt.hub.run`, and dlt cannot be installed here: the control plane starts jobs with an
 * interpreter (`--python`) that puts the runner's minimal stand-in of that decorator surface on PYTHONPATH.
 * Everything else (manifest generation, upload, runner, HTTP) is the real product.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, sandbox, type Sandbox, sharedPlatform } from './harness';

jest.setTimeout(120_000);

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'runner', 'test', 'fixtures');
const STAND_IN = path.join(FIXTURES, 'dlt-stand-in');
/** A decorated interactive job that serves one HTML page on the port the runner gives it. */
const APP = fs.readFileSync(path.join(FIXTURES, 'dashboard_app.py'), 'utf8');

const platform = sharedPlatform('dlthub-e2e-serve-', (root) => {
  const python = path.join(root, 'python-with-dlt-stand-in');
  fs.writeFileSync(python, `#!/bin/sh\nPYTHONPATH=${JSON.stringify(STAND_IN)} exec python3 "$@"\n`, { mode: 0o755 });
  return ['--python', python];
});
let shop: Sandbox;

const withKey = { env: { RUNTIME__API_KEY: fixture.aliceApiKey } };

beforeAll(() => {
  shop = sandbox(platform.root, 'shop', platform.plane.url);
  shop.write('apps.py', APP);
  shop.write('.dlt/access.config.toml', '[destination.warehouse]\ndestination_type = "duckdb"\n');
});

describe('serve', () => {
  it('deploys an interactive job, serves it at the run URL with the access profile, and stops it on cancel', async () => {
    const served = await shop.runJson(
      ['serve', 'apps.py', '--workspace', 'shop-apps', '--org-id', platform.orgs.acme, '--create'],
      withKey,
    );
    expect(served.run).toMatchObject({ status: 'running', profile: 'access', number: 1 });
    expect(served.run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const jobRef: string = served.run.job_ref;
    const info = await shop.runJson(['job', 'runs', 'info', jobRef], withKey);
    expect(info).toMatchObject({ number: 1, status: 'running', url: served.run.url });

    const response = await fetch(new URL('orders?day=today', served.run.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>sales dashboard</h1><p>/orders?day=today</p>');

    const cancelled = await shop.run(['job', 'runs', 'cancel', jobRef], withKey);
    expect(cancelled.code).toBe(0);
    const logs = await shop.run(['job', 'logs', jobRef, '-f'], withKey);
    // The app's own port sits behind the runner's proxy at the run URL (it counts requests for the idle timeout).
    expect(logs.stdout).toMatch(/^serving on \d+$/m);
    expect(logs.stdout).toContain('request /orders?day=today');
    expect(logs.stderr).toMatch(/Run # 1 of \S+ cancelled/);
    await expect(fetch(served.run.url)).rejects.toThrow();
    expect(await shop.runJson(['job', 'runs', 'info', jobRef], withKey)).toMatchObject({
      status: 'cancelled',
      url: null,
    });
  });
});
