/**
 * `deploy`, `run`/`serve`, `job …` and `workspace deployment|configuration …` with the built binary against one
 * real control-plane process, which runs the jobs as real python3 processes (plain `if __name__ == "__main__"`
 * modules, no dlt needed). The CLI authenticates with an API key from the environment (no login, no picker).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { api, fixture, type Sandbox, sandbox, sharedPlatform } from './harness';

jest.setTimeout(120_000);

const platform = sharedPlatform('dlthub-e2e-deploy-run-');
let shop: Sandbox;

const withKey = { env: { RUNTIME__API_KEY: fixture.aliceApiKey } };

const DEPLOYMENT = (modules: string[]) =>
  `"""Shop jobs."""\n\n${modules.map((name) => `import ${name}`).join('\n')}\n\n__all__ = [${modules.map((name) => `"${name}"`).join(', ')}]\n`;

const FILES: Record<string, string> = {
  '__deployment__.py': DEPLOYMENT(['hello', 'failing', 'sleeper']),
  'hello.py': 'if __name__ == "__main__":\n    print("hello line 1")\n    print("hello line 2")\n',
  'failing.py':
    'import sys\nif __name__ == "__main__":\n    print("about to fail", flush=True)\n    sys.exit("3 checks failed")\n',
  'sleeper.py': 'import time\nif __name__ == "__main__":\n    print("sleeping", flush=True)\n    time.sleep(600)\n',
  'adhoc.py': 'if __name__ == "__main__":\n    print("ad hoc ran")\n',
  'chatty.py':
    'import sys\nif __name__ == "__main__":\n    for i in range(1, 6001):\n        print(f"line {i}")\n        if i == 3000:\n            print("halfway", file=sys.stderr)\n',
  'ignored_dir/big.txt': 'not shipped\n',
  '.gitignore': 'secrets.toml\n*.secrets.toml\n.dlt/profile-name\nignored_dir/\n.git/\n',
  '.dlt/prod.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
  'requirements.txt': 'dlt[duckdb]>=1.26\n',
};

beforeAll(async () => {
  shop = sandbox(platform.root, 'shop', platform.plane.url);
  for (const [file, content] of Object.entries(FILES)) shop.write(file, content);
});

const run = (args: string[]) => shop.run(args, withKey);
const runJson = (args: string[]) => shop.runJson(args, withKey);

describe('deploy', () => {
  it('connects, uploads the code package without ignored files or .dlt/, syncs the configuration and reconciles the jobs', async () => {
    const first = await runJson(['deploy', '--workspace', 'shop-jobs', '--org-id', platform.orgs.acme, '--create']);
    expect(first).toMatchObject({
      login: { performed: false },
      connect: { performed: true },
      deployment: { version: 1, skipped: false },
      configuration: { status: 'uploaded', version: 1 },
      manifest: { deployment_module: '__deployment__' },
    });
    expect(first.reconcile.added).toEqual(expect.arrayContaining(['jobs.hello', 'jobs.failing', 'jobs.sleeper']));
    expect(first.reconcile.archived).toEqual([]);
    const info = await runJson(['workspace', 'deployment', 'info']);
    const paths = info.files.map((file: { relative_path: string }) => file.relative_path).sort();
    expect(paths).toEqual([
      '.gitignore',
      '__deployment__.py',
      'adhoc.py',
      'chatty.py',
      'failing.py',
      'hello.py',
      'requirements.txt',
      'sleeper.py',
    ]);
    expect(info.content_hash).toBe(first.deployment.content_hash);
    expect(info.requirements).toMatchObject({ python_version: '3.12', groups: { main: ['dlt[duckdb]>=1.26'] } });
    const text = await run(['workspace', 'deployment', 'info']);
    expect(text.stdout).toContain('  python:       3.12, main: 1 requirement(s)');
  });

  it('skips the upload when the content hash equals the latest deployment and says so', async () => {
    const again = await run(['deploy']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Code package unchanged \(content hash equals deployment version 1\); not uploaded\./);
    expect(again.stdout).toContain('Deployment version 1 (unchanged, not uploaded;');
    expect(again.stdout).toMatch(/Jobs: 0 added, 0 updated, \d+ unchanged, 0 archived/);
    expect(again.stdout).toContain('  = jobs.hello');
    shop.write('hello.py', FILES['hello.py']!.replace('line 2', 'line two'));
    const changed = await runJson(['deploy']);
    expect(changed.deployment).toMatchObject({ version: 2, skipped: false });
    // The code changed, not the job's definition.
    expect(changed.reconcile.unchanged).toContain('jobs.hello');
    const list = await runJson(['workspace', 'deployment', 'list']);
    expect(list.deployments.map((deployment: { version: number }) => deployment.version)).toEqual([2, 1]);
  });
});

describe('deploy of a package over the upload limit', () => {
  it('is refused before anything is sent, naming the largest files; nothing is uploaded', async () => {
    const big = sandbox(platform.root, 'big', platform.plane.url);
    big.write('__deployment__.py', DEPLOYMENT(['hello']));
    big.write('hello.py', FILES['hello.py']!);
    // Random bytes do not compress: 17 MB of them make a package over the 16 MB limit.
    fs.mkdirSync(path.join(big.dir, 'exports'));
    fs.writeFileSync(path.join(big.dir, 'exports', 'orders.parquet'), crypto.randomBytes(17 * 1024 * 1024));
    const result = await big.run(
      ['deploy', '--workspace', 'big-jobs', '--org-id', platform.orgs.acme, '--create'],
      withKey,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: The code package is over 16\.0 MB compressed, the most the platform accepts \(packing stopped at exports\/orders\.parquet\)\. Largest files: exports\/orders\.parquet \(17\.0 MB\), /,
    );
    expect(result.stderr).not.toContain('Cannot reach');
    const deployments = await big.runJson(['workspace', 'deployment', 'list'], withKey);
    expect(deployments.deployments).toEqual([]);
  });
});

describe('run', () => {
  it('-f streams the job lines to stdout and exits 0 when the run completed', async () => {
    const result = await run(['run', 'hello', '-f']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('hello line 1\nhello line two\n');
    expect(result.stderr).toMatch(/Run # 1 of jobs\.hello \(run id \S+\): trigger manual:jobs\.hello/);
    expect(result.stderr).toMatch(/Run # 1 of jobs\.hello completed in [\d.]+ s\./);
  });

  it('--json keeps stdout one document: the lines go to stderr', async () => {
    const json = await runJson(['run', 'hello', '-f']);
    expect(json.run).toMatchObject({ job_ref: 'jobs.hello', number: 2, status: 'completed' });
    expect(json.trigger).toMatchObject({ status: 'triggered', trigger: 'manual:jobs.hello' });
    expect(json.deployment.skipped).toBe(true);
  });

  it('-f exits 1 when the job fails, after its lines', async () => {
    const result = await run(['run', 'failing', '-f']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('about to fail\n');
    expect(result.stderr).toContain('3 checks failed');
    expect(result.stderr).toMatch(/error: Run # 1 of jobs\.failing failed/);
  });

  it('a file.py is deployed ad hoc first: its job runs and no other job is archived', async () => {
    const result = await run(['run', 'adhoc.py', '-f']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ad hoc ran\n');
    const jobs = await runJson(['job', 'list']);
    expect(jobs.jobs.map((job: { name: string }) => job.name)).toEqual(
      expect.arrayContaining(['jobs.adhoc', 'jobs.hello', 'jobs.failing', 'jobs.sleeper']),
    );
  });

  it('-f prints every line of a chatty job in order, and job logs prints them again from the store', async () => {
    const expected = Array.from({ length: 6000 }, (_, index) => `line ${index + 1}\n`).join('');
    const result = await run(['run', 'chatty.py', '-f']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(result.stderr).toMatch(/\nhalfway\n/);
    // More lines than one page of stored logs (5,000).
    const stored = await run(['job', 'logs', 'jobs.chatty']);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toBe(expected);
    expect(stored.stderr).toMatch(/\nhalfway\n/);
  });

  it('serve refuses a batch job and names the sibling command', async () => {
    const result = await run(['serve', 'hello']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/jobs\.hello is batch: `serve` does not launch batch jobs\./);
  });

  it('without a terminal and without credentials fails at once naming what to set', async () => {
    const result = await shop.run(['run', 'hello']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Not logged in\.\nhint: .*RUNTIME__API_KEY/);
    expect(result.stderr).not.toContain('one-time code');
  });
});

describe('job commands', () => {
  it('job logs prints the stored lines between banners; job info and runs list show the runs', async () => {
    const logs = await run(['job', 'logs', 'hello', '1']);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe('hello line 1\nhello line two\n');
    expect(logs.stderr).toContain('========== Run logs for Run # 1 of job jobs.hello ==========');
    const info = await runJson(['job', 'info', 'hello']);
    expect(info.job).toMatchObject({ name: 'jobs.hello', active: true, job_type: 'batch' });
    expect(info.latest_run).toMatchObject({ number: 2, status: 'completed' });
    const runs = await run(['job', 'runs', 'list', 'hello']);
    expect(runs.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^jobs\.hello {2}# 2 {2}completed {2}manual:jobs\.hello /),
      expect.stringMatching(/^jobs\.hello {2}# 1 {2}completed {2}manual:jobs\.hello /),
    ]);
    const one = await runJson(['job', 'runs', 'info', 'failing']);
    expect(one).toMatchObject({ job_ref: 'jobs.failing', number: 1, status: 'failed' });
  });

  it('job trigger fires deployed jobs by name without deploying; --dry-run fires none', async () => {
    const dry = await runJson(['job', 'trigger', 'hello', '--dry-run']);
    expect(dry).toEqual({ dry_run: true, jobs: ['jobs.hello'] });
    const fired = await runJson(['job', 'trigger', 'hello']);
    expect(fired.results).toHaveLength(1);
    expect(fired.results[0]).toMatchObject({ job_ref: 'jobs.hello', status: 'triggered', run: { number: 3 } });
    const followed = await run(['job', 'logs', 'hello', '3', '-f']);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe('hello line 1\nhello line two\n');
    expect(followed.stderr).toMatch(/Run # 3 of jobs\.hello completed/);
  });

  it('cancels an active run, then refuses to cancel it again', async () => {
    const started = await run(['run', 'sleeper']);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^jobs\.sleeper {2}run # 1 {2}(pending|starting|running)\n$/);
    expect(started.stderr).toContain('Follow its logs with `dlthub job logs jobs.sleeper 1 --follow`.');
    const cancelled = await run(['job', 'runs', 'cancel', 'sleeper']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stderr).toContain('Successfully requested cancellation of run # 1.');
    const followed = await run(['job', 'logs', 'sleeper', '-f']);
    expect(followed.stderr).toMatch(/Run # 1 of jobs\.sleeper cancelled/);
    const again = await run(['job', 'runs', 'cancel', 'sleeper', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error: Run # 1 is already in a terminal state: cancelled\./);
  });

  it('job pause stops a job by name or selector, job list shows it, job resume restarts it', async () => {
    const paused = await runJson(['job', 'pause', 'hello', 'jobs.failing']);
    expect(paused).toEqual({
      jobs: [
        { job_ref: 'jobs.hello', paused: true },
        { job_ref: 'jobs.failing', paused: true },
      ],
    });
    const listed = await run(['job', 'list']);
    expect(listed.stdout).toMatch(/^jobs\.hello\s+batch\s+paused /m);
    expect(listed.stdout).toMatch(/^jobs\.sleeper\s+batch\s+active /m);
    const { workspace_id } = await runJson(['job', 'list']);
    const fromServer = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${workspace_id}/jobs`);
    const pausedOnServer = fromServer.body.items.filter((job: { paused?: boolean }) => job.paused);
    expect(pausedOnServer.map((job: { name: string }) => job.name).sort()).toEqual(['jobs.failing', 'jobs.hello']);
    const resumed = await run(['job', 'resume', 'batch']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trimEnd().split('\n').sort()).toEqual([
      'jobs.failing  resumed',
      'jobs.hello  resumed',
      'jobs.sleeper  resumed',
    ]);
    expect((await run(['job', 'list'])).stdout).not.toMatch(/paused/);
    const unknown = await run(['job', 'pause', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/error: Job 'nope' not found/);
  });

  it('a job removed from __deployment__ is archived: gone from job list, shown with --archived', async () => {
    shop.write('__deployment__.py', DEPLOYMENT(['hello', 'failing']));
    const deployed = await runJson(['deploy']);
    expect(deployed.reconcile.archived).toEqual(expect.arrayContaining(['jobs.sleeper']));
    const active = await runJson(['job', 'list']);
    expect(active.jobs.map((job: { name: string }) => job.name)).not.toContain('jobs.sleeper');
    const all = await runJson(['job', 'list', '--archived']);
    expect(all.jobs.find((job: { name: string }) => job.name === 'jobs.sleeper')).toMatchObject({ active: false });
    const text = await run(['job', 'list', '--archived']);
    expect(text.stdout).toMatch(/^jobs\.sleeper\s+batch\s+archived/m);
  });
});

describe('workspace', () => {
  it('info shows the job count, latest run, latest deployment and configuration version', async () => {
    const info = await runJson(['workspace', 'info']);
    expect(info.latest_deployment).toMatchObject({ version: 3 });
    expect(info.latest_configuration).toMatchObject({ version: 1 });
    expect(info.latest_run).toMatchObject({ job_ref: 'jobs.sleeper', number: 1, status: 'cancelled' });
    const text = await run(['workspace', 'info']);
    expect(text.stdout).toMatch(/ {2}deployment: {6}version 3, /);
    expect(text.stdout).toMatch(/ {2}latest run: {6}jobs\.sleeper # 1 cancelled/);
  });

  it('configuration list|info|sync', async () => {
    const list = await runJson(['workspace', 'configuration', 'list']);
    expect(list.configurations.map((c: { version: number }) => c.version)).toEqual([1]);
    const info = await runJson(['workspace', 'configuration', 'info', '1']);
    expect(info).toMatchObject({ version: 1, profiles: expect.arrayContaining(['prod']) });
    shop.write('.dlt/prod.config.toml', '[destination.warehouse]\ndestination_type = "postgres"\n');
    const synced = await runJson(['workspace', 'configuration', 'sync']);
    expect(synced).toMatchObject({ status: 'uploaded', version: 2 });
    const missing = await run(['workspace', 'configuration', 'info', '9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: No configuration version 9\./);
  });
});
