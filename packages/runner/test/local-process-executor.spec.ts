/**
 * The local process executor with real Python processes in real temp directories. Plain module jobs run
 * under python3 as they are. Decorated jobs import `dlt.hub.run`, which cannot be installed here: those
 * tests put test/fixtures/dlt-stand-in on PYTHONPATH, a stand-in implementing only the decorator surface
 * the launcher calls (a callable job object keeping the function as `_f`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCodePackage, buildConfigurationPackage, type JobDefinition } from '@dlthub/deployment';
import { describePackage, LocalProcessExecutor, type RunRecord, type RunStatus } from '../src';

jest.setTimeout(60_000);

const STAND_IN = path.join(__dirname, 'fixtures', 'dlt-stand-in');

/** A process that is gone, or a zombie nobody reaped (PID 1 of a container may not reap orphans). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
let root: string;
let executor: LocalProcessExecutor;

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-runner-')));
  executor = new LocalProcessExecutor({
    runsDir: path.join(root, 'runs'),
    env: { PATH: process.env.PATH, HOME: root, PYTHONPATH: STAND_IN },
  });
});
afterEach(async () => {
  await executor.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function write(files: Record<string, string>, dir = path.join(root, 'ws')): string {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text.replace(/^\n/, ''));
  }
  return dir;
}

function moduleJob(module: string, overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    job_ref: `jobs.${module}`,
    entry_point: { module, function: null, job_type: 'batch', launcher: 'dlt._workspace.deployment.launchers.module' },
    triggers: [],
    execute: { concurrency: 1 },
    ...overrides,
  };
}

function decoratedJob(
  module: string,
  fn: string,
  jobType: 'batch' | 'interactive' = 'batch',
  overrides: Partial<JobDefinition> = {},
): JobDefinition {
  return {
    job_ref: `jobs.${module}.${fn}`,
    entry_point: {
      module,
      function: fn,
      job_type: jobType,
      launcher: 'dlt._workspace.deployment.launchers.job',
    },
    triggers: jobType === 'interactive' ? ['http:'] : [],
    execute: { concurrency: 1 },
    ...overrides,
  };
}

const contents = (record: { logs(): readonly { content: string }[] }) => record.logs().map((line) => line.content);

describe('LocalProcessExecutor: batch runs', () => {
  it('runs a plain module job through pending → starting → running → completed with timestamped lines', async () => {
    const dir = write({
      'hello.py': `
import os, sys
if __name__ == "__main__":
    print("hello from", os.environ["WORKSPACE__PROFILE"], os.environ["DLTHUB_JOB_REF"])
    print("to stderr", file=sys.stderr)
    print("run", os.environ["RUNTIME__RUN_ID"] == os.environ["DLTHUB_RUN_ID"], os.environ["DLTHUB_TRIGGER"])
    print("config", os.environ.get("JOBS__HELLO__GREETING"), os.environ.get("JOBS__HELLO__NESTED__LEVEL"))
`,
    });
    const statuses: RunStatus[] = [];
    const handle = executor.start({
      runId: 'run-1',
      job: moduleJob('hello'),
      source: { kind: 'workspace', dir },
      profile: 'dev',
      config: { greeting: 'hi', nested: { level: 2 } },
      observer: { onStatus: (record) => statuses.push(record.status) },
    });
    expect(handle.record().status).toBe('pending');
    const record = await handle.finished;
    expect(statuses).toEqual(['pending', 'starting', 'running', 'completed']);
    expect(record).toMatchObject({
      run_id: 'run-1',
      status: 'completed',
      exit_code: 0,
      reason: null,
      profile: 'dev',
      trigger: 'manual:jobs.hello',
      run_dir: dir,
    });
    expect(record.duration).toBeGreaterThan(0);
    expect(contents(handle)).toEqual(
      expect.arrayContaining(['hello from dev jobs.hello', 'to stderr', 'run True manual:jobs.hello', 'config hi 2']),
    );
    const stderrLine = handle.logs().find((line) => line.content === 'to stderr')!;
    expect(stderrLine).toMatchObject({ stream: 'stderr', phase: 'program' });
    expect(new Date(stderrLine.reported_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(handle.logs().map((line) => line.line_num)).toEqual(handle.logs().map((_, index) => index + 1));
  });

  it('fails with the exit code and keeps the traceback lines', async () => {
    const dir = write({
      'broken.py': `
import sys
if __name__ == "__main__":
    print("before")
    raise SystemExit(3)
`,
      'crash.py': `
if __name__ == "__main__":
    raise ValueError("no rows")
`,
    });
    const exit3 = await executor.start({ job: moduleJob('broken'), source: { kind: 'workspace', dir } }).finished;
    expect(exit3).toMatchObject({ status: 'failed', exit_code: 3, reason: 'the job exited with code 3' });
    const crash = executor.start({ job: moduleJob('crash'), source: { kind: 'workspace', dir } });
    expect(await crash.finished).toMatchObject({ status: 'failed', exit_code: 1 });
    expect(contents(crash)).toContain('ValueError: no rows');
  });

  it('reports an interpreter that cannot start as a failed run saying why', async () => {
    const dir = write({ 'hello.py': 'print(1)\n' });
    const record = await executor.start({
      job: moduleJob('hello'),
      source: { kind: 'workspace', dir },
      python: path.join(root, 'no-such-python'),
    }).finished;
    expect(record.status).toBe('failed');
    expect(record.reason).toMatch(/^cannot start .*no-such-python: spawn .* ENOENT/);
  });

  it('fails a job past its timeout: SIGTERM to its process group', async () => {
    const dir = write({ 'slow.py': 'import time\nif __name__ == "__main__":\n    time.sleep(60)\n' });
    const handle = executor.start({
      job: moduleJob('slow', { execute: { concurrency: 1, timeout: { timeout: 1 } } }),
      source: { kind: 'workspace', dir },
    });
    const record = await handle.finished;
    expect(record).toMatchObject({ status: 'failed', reason: 'timed out after 1 s', signal: 'SIGTERM' });
    expect(record.duration).toBeLessThan(10);
    expect(contents(handle)).toEqual(['Run timed out after 1 s: stopping the job (SIGTERM, SIGKILL after 30 s)']);
  });

  it('kills a job that ignores SIGTERM once the grace period is over', async () => {
    const dir = write({
      'stubborn.py': `
import signal, time
if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: print("got SIGTERM, ignoring it", flush=True))
    print("working", flush=True)
    time.sleep(60)
`,
    });
    // The timeout leaves room for a slow interpreter start: the handler must be installed before SIGTERM.
    const handle = executor.start({
      job: moduleJob('stubborn', { execute: { concurrency: 1, timeout: { timeout: 4, grace_period: 1 } } }),
      source: { kind: 'workspace', dir },
    });
    const record = await handle.finished;
    expect(record).toMatchObject({ status: 'failed', reason: 'timed out after 4 s', signal: 'SIGKILL' });
    expect(contents(handle)).toEqual([
      'working',
      'Run timed out after 4 s: stopping the job (SIGTERM, SIGKILL after 1 s)',
      'got SIGTERM, ignoring it',
      'The job did not stop within 1 s: SIGKILL',
    ]);
  });

  it('cancels a running job and everything it started', async () => {
    const dir = write({
      'spawner.py': `
import subprocess, time
if __name__ == "__main__":
    child = subprocess.Popen(["sleep", "60"])
    print("child", child.pid, flush=True)
    time.sleep(60)
`,
    });
    let childPid = 0;
    const handle = executor.start({
      job: moduleJob('spawner'),
      source: { kind: 'workspace', dir },
      observer: {
        onLog: (line) => {
          const match = /^child (\d+)$/.exec(line.content);
          if (match) {
            childPid = Number(match[1]);
            void handle.cancel();
          }
        },
      },
    });
    const record = await handle.finished;
    expect(record).toMatchObject({ status: 'cancelled', reason: 'cancelled on request', signal: 'SIGTERM' });
    expect(childPid).toBeGreaterThan(0);
    expect(isGone(childPid)).toBe(true);
    // A terminal run stays as it is.
    expect((await handle.cancel()).status).toBe('cancelled');
  });

  it('cancels a run before its process starts', async () => {
    const dir = write({ 'hello.py': 'print(1)\n' });
    const handle = executor.start({ job: moduleJob('hello'), source: { kind: 'workspace', dir } });
    const record = await handle.cancel('not needed');
    expect(record).toMatchObject({ status: 'cancelled', reason: 'not needed', pid: null });
  });
});

describe('LocalProcessExecutor: decorated jobs (dlt.hub.run stand-in)', () => {
  it('calls the job with run_context: run id, full trigger, interval, refresh', async () => {
    const dir = write({
      'pipelines.py': `
import asyncio, os
from dlt.hub import run

@run.job(trigger="every:5m")
async def load(run_context):
    await asyncio.sleep(0)
    print("trigger", run_context["trigger"])
    print("run_id", run_context["run_id"])
    print("interval", run_context["interval_start"].isoformat(), run_context["interval_end"].isoformat())
    print("refresh", run_context["refresh"])
    print("env", os.environ["DLT_INTERVAL_START"], os.environ["DLT_INTERVAL_TIMEZONE"])
    print("config", os.environ["JOBS__PIPELINES__LOAD__LIMIT"])
`,
    });
    const handle = executor.start({
      runId: 'r-7',
      job: decoratedJob('pipelines', 'load', 'batch', { triggers: ['every:5m'] }),
      trigger: 'every:5m',
      source: { kind: 'workspace', dir },
      interval: { start: '2026-05-01T10:00:00+00:00', end: '2026-05-01T10:05:00+00:00' },
      refresh: true,
      config: { limit: 10 },
    });
    const record = await handle.finished;
    expect(record.status).toBe('completed');
    expect(contents(handle)).toEqual([
      'trigger every:5m',
      'run_id r-7',
      'interval 2026-05-01T10:00:00+00:00 2026-05-01T10:05:00+00:00',
      'refresh True',
      'env 2026-05-01T10:00:00+00:00 UTC',
      'config 10',
    ]);
    expect(record.profile).toBe('prod');
  });

  it('runs a deployment from its packages: files extracted, configuration as .dlt/, profile by job type', async () => {
    const workspace = write(
      {
        '.dlt/.workspace': '',
        '.dlt/config.toml': '[jobs]\ncolor = "blue"\n',
        '.dlt/prod.config.toml': '[jobs]\ncolor = "green"\n',
        '.dlt/dev.config.toml': '[jobs]\ncolor = "never shipped"\n',
        'report.py': `
import os
if __name__ == "__main__":
    print("cwd has", sorted(os.listdir(".dlt")))
    print("profile", os.environ["WORKSPACE__PROFILE"])
`,
      },
      path.join(root, 'source'),
    );
    const code = await buildCodePackage(workspace);
    const configuration = await buildConfigurationPackage(workspace);
    const keeping = new LocalProcessExecutor({
      runsDir: path.join(root, 'runs'),
      env: { PATH: process.env.PATH },
      keepRunDirs: true,
    });
    const handle = keeping.start({
      runId: 'pkg-1',
      job: moduleJob('report'),
      source: { kind: 'packages', code: code.tarball, configuration: configuration.tarball },
    });
    const record = await handle.finished;
    expect(record).toMatchObject({ status: 'completed', profile: 'prod', run_dir: path.join(root, 'runs', 'pkg-1') });
    expect(contents(handle)).toEqual(["cwd has ['.workspace', 'config.toml', 'prod.config.toml']", 'profile prod']);
    // An interactive job without an access profile falls back to prod and says so.
    const interactive = keeping.start({
      job: moduleJob('report', {
        job_ref: 'jobs.report_app',
        entry_point: { module: 'report', function: null, job_type: 'interactive', launcher: 'x.module' },
      }),
      source: { kind: 'packages', code: code.tarball, configuration: configuration.tarball },
    });
    const fallback = await interactive.finished;
    expect(fallback.profile).toBe('prod');
    expect(contents(interactive)[0]).toBe(
      "warning: No 'access' profile detected. Interactive jobs will use `prod` profile.",
    );
    await keeping.close();
  });

  it('writes configuration texts as .dlt/ files and describes a package by its recomputed hash', async () => {
    const workspace = write(
      { 'show.py': 'if __name__ == "__main__":\n    print(open(".dlt/prod.config.toml").read().strip())\n' },
      path.join(root, 'texts'),
    );
    const code = await buildCodePackage(workspace);
    const info = await describePackage(code.tarball);
    expect(info).toEqual({
      contentHash: code.contentHash,
      engineVersion: 1,
      files: code.manifest.files,
      requirements: expect.objectContaining({ python_version: '3.12', default_groups: ['main'] }),
    });
    const handle = executor.start({
      job: moduleJob('show'),
      source: { kind: 'packages', code: code.tarball, configurationFiles: { 'prod.config.toml': 'color = "teal"\n' } },
    });
    expect(await handle.finished).toMatchObject({ status: 'completed', profile: 'prod' });
    expect(contents(handle)).toEqual(['color = "teal"']);
    const escaping = executor.start({
      job: moduleJob('show'),
      source: { kind: 'packages', code: code.tarball, configurationFiles: { '../x.toml': '' } },
    });
    expect((await escaping.finished).reason).toBe('Configuration file name "../x.toml" is not a plain file name.');
    await expect(describePackage(Buffer.from('not a tarball'))).rejects.toThrow('Not a valid package tarball');
  });
});

describe('LocalProcessExecutor: interactive runs', () => {
  // The app the serve tests of the CLI run too.
  const APP = fs.readFileSync(path.join(__dirname, 'fixtures', 'dashboard_app.py'), 'utf8');

  it('serves on a loopback port behind a URL, answers HTTP, and stops on cancel', async () => {
    const dir = write({ 'apps.py': APP, '.dlt/access.config.toml': '' });
    const handle = executor.start({
      job: decoratedJob('apps', 'dashboard', 'interactive'),
      source: { kind: 'workspace', dir },
    });
    const running = await handle.started;
    expect(running.status).toBe('running');
    expect(running.profile).toBe('access');
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(`${running.url}orders?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>sales dashboard</h1><p>/orders?x=1</p>');
    const record = await handle.cancel();
    expect(record.status).toBe('cancelled');
    expect(contents(handle)).toEqual(expect.arrayContaining([`serving on ${running.port}`, 'request /orders?x=1']));
    await expect(fetch(running.url!)).rejects.toThrow();
  });

  it('stops an app that has been idle for its idle timeout', async () => {
    const dir = write({ 'apps.py': APP });
    const idle = new LocalProcessExecutor({
      env: { PATH: process.env.PATH, PYTHONPATH: STAND_IN },
      idleCheckIntervalMs: 100,
    });
    const handle = idle.start({
      job: decoratedJob('apps', 'dashboard', 'interactive', { execute: { concurrency: 1, timeout: { timeout: 1 } } }),
      source: { kind: 'workspace', dir },
    });
    const running = await handle.started;
    expect((await fetch(running.url!)).status).toBe(200);
    const record: RunRecord = await handle.finished;
    expect(record).toMatchObject({ status: 'completed', reason: 'stopped after 1 s without requests' });
    await idle.close();
  });
});
