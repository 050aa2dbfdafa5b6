/**
 * `dlthub deploy --show-manifest` and `--dry-run` with the built binary, offline: no login, no control plane
 * (no credentials exist in the sandbox, and any network use would fail). The workspace follows the public
 * runtime starter pack: a pipeline on a recurring trigger, a scheduled job that also follows it, an
 * interactive app, a plain module job.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sandbox, writeWorkspace, type Sandbox } from './helpers';

jest.setTimeout(120_000);

const FILES = {
  '__deployment__.py': `
"""GitHub ingest workspace -- loads and monitors GitHub API data"""

from github_pipeline import load_commits, run_dq_checks
from apps import commits_app
import fruitshop_pipeline

__tags__ = ["team:data"]
__all__ = ["load_commits", "run_dq_checks", "commits_app", "fruitshop_pipeline"]
`,
  'github_pipeline.py': `
from dlt.hub import run
from dlt.hub.run import trigger


@run.pipeline("github_pipeline", trigger=trigger.every("5m"), expose={"tags": ["ingest"]})
def load_commits():
    """Load commits from the GitHub REST API."""


@run.job(trigger=[trigger.schedule("0 * * * *"), load_commits.success], execute={"timeout": "30m"})
def run_dq_checks():
    """Run data quality checks."""
`,
  'apps.py': `
from dlt.hub import run


@run.interactive(interface="gui", idle_timeout="10m")
def commits_app():
    """Commits dashboard."""
`,
  'fruitshop_pipeline.py': `
"""Loads the fruitshop sample data."""

if __name__ == "__main__":
    print("loaded")
`,
  '.gitignore': '.venv/\n*.secrets.toml\nsecrets.toml\n',
  '.dlt/prod.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
  '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
  '.dlt/prod.secrets.toml': '[destination.warehouse.credentials]\npassword = "s3cr3t-never-printed"\n',
};

const EXPECTED_JOBS = [
  {
    job_ref: 'jobs.github_pipeline.load_commits',
    description: 'Load commits from the GitHub REST API.',
    entry_point: {
      module: 'github_pipeline',
      function: 'load_commits',
      job_type: 'batch',
      launcher: 'dlt._workspace.deployment.launchers.job',
    },
    triggers: ['every:5m'],
    execute: { concurrency: 1 },
    expose: { tags: ['ingest'], category: 'pipeline', manual: true },
    deliver: { pipeline_name: 'github_pipeline' },
    default_trigger: 'every:5m',
  },
  {
    job_ref: 'jobs.github_pipeline.run_dq_checks',
    description: 'Run data quality checks.',
    entry_point: {
      module: 'github_pipeline',
      function: 'run_dq_checks',
      job_type: 'batch',
      launcher: 'dlt._workspace.deployment.launchers.job',
    },
    triggers: ['schedule:0 * * * *', 'job.success:jobs.github_pipeline.load_commits'],
    execute: { timeout: { timeout: 1800 }, concurrency: 1 },
    expose: { manual: true },
    default_trigger: 'schedule:0 * * * *',
  },
  {
    job_ref: 'jobs.apps.commits_app',
    description: 'Commits dashboard.',
    entry_point: {
      module: 'apps',
      function: 'commits_app',
      job_type: 'interactive',
      launcher: 'dlt._workspace.deployment.launchers.job',
    },
    triggers: ['http:'],
    execute: { concurrency: 1, timeout: { grace_period: 5, timeout: 600 } },
    expose: { interface: 'gui', manual: true },
    default_trigger: 'http:',
  },
  {
    job_ref: 'jobs.fruitshop_pipeline',
    description: 'Loads the fruitshop sample data.',
    entry_point: {
      module: 'fruitshop_pipeline',
      function: null,
      job_type: 'batch',
      launcher: 'dlt._workspace.deployment.launchers.module',
    },
    triggers: [],
    execute: { concurrency: 1 },
    expose: { manual: true },
  },
];

describe('dlthub deploy, offline', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, FILES);
  });
  afterEach(() => box.cleanup());

  it('--show-manifest prints the manifest as YAML, with no login and nothing written', () => {
    const before = box.snapshot();
    const result = box.run(['deploy', '--show-manifest']);
    expect(result.code).toBe(0);
    const manifest = parseYaml(result.stdout) as Record<string, unknown> & { jobs: Array<{ job_ref: string }> };
    expect(manifest).toMatchObject({
      engine_version: 2,
      deployment_module: '__deployment__',
      description: 'GitHub ingest workspace -- loads and monitors GitHub API data',
      tags: ['team:data'],
    });
    expect(manifest.jobs.slice(0, 4)).toEqual(EXPECTED_JOBS);
    expect(manifest.jobs[4]?.job_ref).toBe('jobs.workspace.dashboard');
    expect(result.stderr).not.toMatch(/log in|login/i);
    expect(box.snapshot()).toEqual(before);
  });

  it('--show-manifest --json prints the same manifest as JSON', () => {
    const yaml = parseYaml(box.run(['deploy', '--show-manifest']).stdout) as Record<string, unknown>;
    const result = box.run(['--json', 'deploy', '--show-manifest']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({ ...json, created_at: null }).toEqual({ ...yaml, created_at: null });
  });

  it('--show-manifest of another module, and its errors with file:line', () => {
    box.write('single.py', 'from dlt.hub import run\n\n@run.job(trigger="every:30s")\ndef quick():\n    pass\n');
    const result = box.run(['deploy', '--show-manifest', '--file', 'single.py']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("single.py:3: Invalid trigger 'every:30s': minimum period is 1 minute");
  });

  it('--dry-run shows the code package, the configuration package and the jobs, and uploads nothing', () => {
    const before = box.snapshot();
    const result = box.run(['deploy', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Code package: 5 file\(s\), \d+ bytes \(\d+ KB compressed\), content hash \S+$/m);
    expect(result.stdout).toContain('Configuration package: 4 file(s), content hash');
    for (const name of ['config.toml', 'prod.config.toml', 'prod.secrets.toml', 'secrets.toml'])
      expect(result.stdout).toContain(`  .dlt/${name}\n`);
    expect(result.stdout).not.toContain('dev.config.toml');
    expect(result.stdout).toContain('Manifest: 5 job(s), hash');
    expect(result.stdout).toContain('  + jobs.github_pipeline.load_commits (batch, every 5m)');
    expect(result.stdout).toContain('  + jobs.github_pipeline.run_dq_checks (batch, schedule: 0 * * * *)');
    expect(result.stdout).toContain('  + jobs.apps.commits_app (interactive, interactive service)');
    expect(result.stdout).toContain('  + jobs.fruitshop_pipeline (batch, manual only)');
    expect(result.stderr).toContain('--dry-run: nothing was uploaded.');
    expect(result.stdout + result.stderr).not.toContain('s3cr3t');
    expect(box.snapshot()).toEqual(before);
  });

  it('--dry-run warns when the code package is over the upload limit, naming the largest files', () => {
    // Random bytes do not compress: 17 MB of them make a package over the 16 MB limit.
    fs.mkdirSync(path.join(box.dir, 'exports'));
    fs.writeFileSync(path.join(box.dir, 'exports', 'orders.parquet'), crypto.randomBytes(17 * 1024 * 1024));
    const result = box.run(['deploy', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Code package: 6 file\(s\), \d+ bytes \(over the upload limit once compressed: not built\)$/m,
    );
    expect(result.stderr).toMatch(
      /warning: The code package is over 16\.0 MB compressed, the most the platform accepts \(packing stopped at exports\/orders\.parquet\)\. Largest files: exports\/orders\.parquet \(17\.0 MB\), /,
    );
    expect(result.stderr).toContain('to .gitignore');
    const summary = JSON.parse(box.run(['--json', 'deploy', '--dry-run']).stdout) as {
      deployment: {
        too_large: boolean;
        compressed_size: number | null;
        content_hash: string | null;
        files: Array<{ path: string; size: number }>;
      };
    };
    expect(summary.deployment).toMatchObject({ too_large: true, compressed_size: null, content_hash: null });
    expect(summary.deployment.files).toContainEqual({ path: 'exports/orders.parquet', size: 17 * 1024 * 1024 });
  });

  it('--dry-run --json: hashes, files and the plan as data', () => {
    const result = box.run(['--json', 'deploy', '--dry-run']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      deployment: { file_count: number; files: Array<{ path: string }>; content_hash: string };
      configuration: { files: string[] };
      manifest: { plan: { added: string[]; archived: string[] } };
    };
    expect(summary.deployment.files.map((file) => file.path)).toEqual([
      '.gitignore',
      '__deployment__.py',
      'apps.py',
      'fruitshop_pipeline.py',
      'github_pipeline.py',
    ]);
    expect(summary.configuration.files).toEqual([
      'config.toml',
      'prod.config.toml',
      'prod.secrets.toml',
      'secrets.toml',
    ]);
    expect(summary.manifest.plan.added).toHaveLength(5);
    expect(summary.manifest.plan.archived).toEqual([]);
    // Same content, same hash: what lets a deploy skip the upload.
    const again = JSON.parse(box.run(['--json', 'deploy', '--dry-run']).stdout) as typeof summary;
    expect(again.deployment.content_hash).toBe(summary.deployment.content_hash);
  });
});
