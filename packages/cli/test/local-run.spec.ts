/**
 * `dlthub local run|serve` with the built binary in real temp workspaces and real Python processes.
 * Workspaces follow the public runtime starter pack: a simple pipeline script, jobs with triggers and
 * follow-ups in `__deployment__.py`, an interactive app. Decorated jobs import `dlt.hub.run`, which cannot be
 * installed here: those runs put packages/runner/test/fixtures/dlt-stand-in on PYTHONPATH, a stand-in that
 * implements only the decorator surface the launcher calls.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { BIN, sandbox, writeWorkspace, type Sandbox } from './helpers';

jest.setTimeout(120_000);

const STAND_IN = path.resolve(__dirname, '..', '..', 'runner', 'test', 'fixtures', 'dlt-stand-in');
const withStandIn = { env: { PYTHONPATH: STAND_IN } };

const FRUITSHOP = `
"""Loads the fruitshop sample data."""

ROWS = [("apple", 3), ("pear", 5)]

if __name__ == "__main__":
    for name, count in ROWS:
        print(f"loaded {name}: {count}")
`;

const GITHUB_DEPLOYMENT = `
"""GitHub ingest workspace -- loads and monitors GitHub API data"""

from github_pipeline import load_commits, run_dq_checks
from apps import commits_app

__all__ = ["load_commits", "run_dq_checks", "commits_app"]
`;

const GITHUB_PIPELINE = `
import os
from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("github_pipeline", trigger=trigger.every("5m"), expose={"tags": ["ingest"]})
def load_commits(run_context):
    """Load commits from the GitHub REST API."""
    print("trigger", run_context["trigger"], "profile", os.environ["WORKSPACE__PROFILE"])
    print("limit", os.environ.get("JOBS__GITHUB_PIPELINE__LOAD_COMMITS__LIMIT"))


@run.job(trigger=[trigger.schedule("0 * * * *"), load_commits.success], require={"profile": "prod"})
def run_dq_checks():
    """Run data quality checks."""
    raise RuntimeError("3 checks failed")
`;

const APPS = `
import http.server
from dlt.hub import run


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<h1>GitHub dashboard</h1>"
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@run.interactive(interface="gui")
def commits_app(run_context):
    """Commits dashboard."""
    http.server.HTTPServer(("127.0.0.1", run_context["run_args"]["port"]), Page).serve_forever()
`;

describe('dlthub local run', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      'fruitshop_pipeline.py': FRUITSHOP,
      '__deployment__.py': GITHUB_DEPLOYMENT,
      'github_pipeline.py': GITHUB_PIPELINE,
      'apps.py': APPS,
      'broken.py': 'if __name__ == "__main__":\n    print("starting")\n    raise SystemExit(4)\n',
    });
  });
  afterEach(() => box.cleanup());

  it('runs a plain pipeline file: its lines on stdout, the run on stderr, exit 0', () => {
    const result = box.run(['local', 'run', 'fruitshop_pipeline.py', '-f']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('loaded apple: 3\nloaded pear: 5\n');
    expect(result.stderr).toContain(
      'Running jobs.fruitshop_pipeline here (trigger manual:jobs.fruitshop_pipeline, profile dev).',
    );
    expect(result.stderr).toMatch(/Run completed in \d+\.\d s\./);
  });

  it('--json prints the final run record alone on stdout, the job output on stderr', () => {
    const result = box.run(['--json', 'local', 'run', '--file', 'fruitshop_pipeline.py']);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({
      job_ref: 'jobs.fruitshop_pipeline',
      status: 'completed',
      exit_code: 0,
      profile: 'dev',
      run_dir: box.dir,
    });
    expect(result.stderr).toContain('loaded pear: 5');
  });

  it('exits 1 when the job fails, with its output and the reason', () => {
    const result = box.run(['local', 'run', 'broken.py']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('starting\n');
    expect(result.stderr).toMatch(/error: Run failed in \d+\.\d s: the job exited with code 4\./);
    const json = box.run(['--json', 'local', 'run', 'broken.py']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', exit_code: 4 });
  });

  it('runs a decorated job of __deployment__.py by name with config and the local profile', () => {
    const result = box.run(['--profile', 'prod', 'local', 'run', 'load_commits', '-c', 'limit=5'], withStandIn);
    expect(result.code).toBe(0);
    // A manual launch fires the job's default trigger, as `dlthub run` does.
    expect(result.stdout).toBe('trigger every:5m profile prod\nlimit 5\n');
    expect(result.stderr).toContain('Running jobs.github_pipeline.load_commits here (trigger every:5m, profile prod).');
  });

  it('reports a failing decorated job with its traceback and warns about a declared profile', () => {
    const result = box.run(['local', 'run', 'jobs.github_pipeline.run_dq_checks'], withStandIn);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'jobs.github_pipeline.run_dq_checks declares require.profile "prod"; running locally with "dev".',
    );
    expect(result.stderr).toContain('RuntimeError: 3 checks failed');
    expect(result.stderr).toContain('error: Run failed');
  });

  it('refuses interactive jobs, unknown names and ambiguous selectors with what to do instead', () => {
    const interactive = box.run(['local', 'run', 'commits_app']);
    expect(interactive.code).toBe(2);
    expect(interactive.stderr).toContain(
      'jobs.apps.commits_app is interactive: `run` does not launch interactive jobs.',
    );
    expect(interactive.stderr).toContain('hint: Use `dlthub local serve`');
    const unknown = box.run(['local', 'run', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error: Job 'nope' not found");
    const several = box.run(['local', 'run', 'batch']);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain(
      'batch matches 2 jobs: jobs.github_pipeline.load_commits, jobs.github_pipeline.run_dq_checks.',
    );
    const narrowed = box.run(['local', 'run', 'batch', '--job-ref', 'load_commits'], withStandIn);
    expect(narrowed.code).toBe(0);
    const missing = box.run(['local', 'run', 'missing.py']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error: File not found: missing.py');
  });

  it('--dry-run prints the plan and launches nothing', () => {
    const result = box.run([
      'local',
      'run',
      'load_commits',
      '--dry-run',
      '--start',
      '2026-05-01T00:00:00Z',
      '--end',
      '2026-05-02T00:00:00Z',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('job: jobs.github_pipeline.load_commits (batch)');
    expect(result.stdout).toContain('trigger: every:5m');
    expect(result.stdout).toContain('"interval_start":"2026-05-01T00:00:00Z"');
    expect(result.stderr).toContain('--dry-run: not launching');
  });
});

describe('dlthub local serve', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      '__deployment__.py': GITHUB_DEPLOYMENT,
      'github_pipeline.py': GITHUB_PIPELINE,
      'apps.py': APPS,
      '.dlt/access.config.toml': '',
    });
  });
  afterEach(() => box.cleanup());

  it('serves the app on a loopback URL, answers HTTP, and stops on Ctrl+C with exit 130', async () => {
    const child = spawn(process.execPath, [BIN, 'local', 'serve', 'commits_app', '-f'], {
      cwd: box.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: box.globalDir,
        DLTHUB_GLOBAL_DIR: box.globalDir,
        PYTHONPATH: STAND_IN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /is serving at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>GitHub dashboard</h1>');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Serving jobs.apps.commits_app here (trigger http:, profile dev).');
    expect(stderr).toContain('error: Run cancelled');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('refuses batch jobs, naming local run', () => {
    const result = box.run(['local', 'serve', 'load_commits']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hint: Use `dlthub local run`');
  });
});
