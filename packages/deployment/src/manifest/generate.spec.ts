/**
 * Manifests generated from workspaces modelled on dlt-hub/runtime-starter-pack (a pipeline with a
 * recurring trigger, jobs with schedules and follow-ups, notebooks, an MCP server), compared with
 * hand-checked expectations. The sources import `dlt.hub.run`, which is not installed here: the
 * reader never imports them, so the files are used exactly as a user would write them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateManifest, listReferencedProfiles, ManifestError } from './generate';
import { LAUNCHERS } from '../requirements/launchers';

const NOW = new Date('2026-05-01T10:00:00Z');
// Each case starts python3; on a loaded machine that can take seconds.
jest.setTimeout(60_000);
let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-manifest-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function workspace(files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text.replace(/^\n/, ''));
  }
  return root;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ManifestError)
      return error.problems.map((problem) => `${problem.file}:${problem.line ?? ''}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ManifestError');
}

const DASHBOARD = {
  job_ref: 'jobs.workspace.dashboard',
  description: 'Workspace dashboard',
  entry_point: {
    module: 'dlt._workspace.helpers.dashboard.dlt_dashboard',
    function: null,
    job_type: 'interactive',
    launcher: LAUNCHERS.dashboard,
  },
  triggers: ['http:'],
  execute: { concurrency: 1 },
  expose: { interface: 'gui', category: 'dashboard', manual: true },
  require: { dependency_groups: ['jobs.workspace.dashboard'] },
  default_trigger: 'http:',
};

const GITHUB_INGEST = {
  '__deployment__.py': `
"""GitHub ingest workspace -- loads and monitors GitHub API data"""

from github_pipeline import load_commits
from github_dq_pipeline import run_dq_checks

import github_dq_notebook
import github_report

__tags__ = ["team:data"]

__all__ = [
    "load_commits",
    "run_dq_checks",
    "github_dq_notebook",
    "github_report",
]
`,
  'github_pipeline.py': `
"""GitHub commits ingestion pipeline."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

PIPELINE_NAME = "github_pipeline"


@dlt.source
def github_rest_api_source(owner: str = "dlt-hub", access_token: str = dlt.secrets.value):
    yield from []


@run.pipeline(
    PIPELINE_NAME,
    trigger=trigger.every("5m"),
    expose={"tags": ["ingest"], "display_name": "GitHub commits ingest"},
)
def load_commits():
    """Load commits and contributors from the GitHub REST API."""
    pipeline = dlt.pipeline(pipeline_name=PIPELINE_NAME, destination="warehouse")
    print(pipeline.run(github_rest_api_source()))


if __name__ == "__main__":
    load_commits()
`,
  'github_dq_pipeline.py': `
"""GitHub data quality checks."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

from github_pipeline import load_commits


@run.job(
    trigger=[trigger.schedule("0 * * * *"), load_commits.success],
    expose={"display_name": "GitHub data quality", "tags": "quality"},
    execute={"timeout": "30m"},
    require={"profile": "prod", "timezone": "Europe/Berlin"},
)
def run_dq_checks(min_rows: int = dlt.config.value, run_context=None):
    """Run data quality checks on GitHub data.

    Fails if any check has failures.
    """
    print("checks", min_rows)
`,
  'github_dq_notebook.py': `
"""Data quality notebook."""
import marimo

app = marimo.App(width="medium", app_title="GitHub DQ")


@app.cell
def _():
    import marimo as mo
    return (mo,)
`,
  'github_report.py': `
"""Nightly report written to a file."""

__trigger__ = "0 3 * * *"
__require__ = {"profile": "access"}

if __name__ == "__main__":
    print("report")
`,
};

describe('generateManifest: __deployment__.py', () => {
  it('builds the GitHub ingest workspace: pipeline, scheduled follow-up, notebook, plain module, dashboard', async () => {
    const generated = await generateManifest(workspace(GITHUB_INGEST), { now: NOW });
    expect(generated.warnings).toEqual([]);
    expect(generated.manifest).toEqual({
      engine_version: 2,
      created_at: '2026-05-01T10:00:00+00:00',
      deployment_module: '__deployment__',
      description: 'GitHub ingest workspace -- loads and monitors GitHub API data',
      tags: ['team:data'],
      jobs: [
        {
          job_ref: 'jobs.github_pipeline.load_commits',
          description: 'Load commits and contributors from the GitHub REST API.',
          entry_point: {
            module: 'github_pipeline',
            function: 'load_commits',
            job_type: 'batch',
            launcher: LAUNCHERS.job,
          },
          triggers: ['every:5m'],
          execute: { concurrency: 1 },
          expose: { tags: ['ingest'], display_name: 'GitHub commits ingest', category: 'pipeline', manual: true },
          deliver: { pipeline_name: 'github_pipeline' },
          default_trigger: 'every:5m',
        },
        {
          job_ref: 'jobs.github_dq_pipeline.run_dq_checks',
          description: 'Run data quality checks on GitHub data.\n\nFails if any check has failures.',
          entry_point: {
            module: 'github_dq_pipeline',
            function: 'run_dq_checks',
            job_type: 'batch',
            launcher: LAUNCHERS.job,
          },
          triggers: ['schedule:0 * * * *', 'job.success:jobs.github_pipeline.load_commits'],
          execute: { timeout: { timeout: 1800 }, concurrency: 1 },
          expose: { display_name: 'GitHub data quality', tags: ['quality'], manual: true },
          config_keys: ['min_rows'],
          require: { profile: 'prod', timezone: 'Europe/Berlin' },
          default_trigger: 'schedule:0 * * * *',
        },
        {
          job_ref: 'jobs.github_dq_notebook',
          description: 'GitHub DQ: Data quality notebook.',
          entry_point: {
            module: 'github_dq_notebook',
            function: null,
            job_type: 'interactive',
            launcher: LAUNCHERS.marimo,
          },
          triggers: ['http:'],
          execute: { concurrency: 1 },
          expose: { interface: 'gui', category: 'notebook', manual: true },
          default_trigger: 'http:',
        },
        {
          job_ref: 'jobs.github_report',
          description: 'Nightly report written to a file.',
          entry_point: { module: 'github_report', function: null, job_type: 'batch', launcher: LAUNCHERS.module },
          triggers: ['schedule:0 3 * * *'],
          execute: { concurrency: 1 },
          expose: { manual: true },
          require: { profile: 'access' },
          default_trigger: 'schedule:0 3 * * *',
        },
        DASHBOARD,
      ],
    });
    expect(Object.keys(generated.jobHashes)).toHaveLength(5);
  });

  it('builds the Jaffle Shop workspace: pipeline object, follow-up on success, inline MCP job, module apps', async () => {
    const generated = await generateManifest(
      workspace({
        '__deployment__.py': `
"""Jaffle Shop -- ingest and transform customer data"""

import dlt
from dlt.hub import run

from jaffle_ingestion import ingest_jaffle
from jaffle_transformations import transform_jaffle
from apps import sales_dashboard, jaffle_tools


@run.interactive(
    section="jaffle_mcp",
    interface="mcp",
    idle_timeout="30m",
    expose={"display_name": "Jaffle Shop MCP"},
)
def jaffle_mcp():
    """MCP server exposing a row_counts tool over the Jaffle Shop datasets."""
    from fastmcp import FastMCP
    return FastMCP("jaffle-shop-data")


__all__ = ["ingest_jaffle", "transform_jaffle", "jaffle_mcp", "sales_dashboard", "jaffle_tools"]
`,
        'jaffle_ingestion.py': `
"""Jaffle Shop ingestion pipeline."""

import dlt
from dlt.hub import run
from dlt.hub.run import trigger

jaffle_ingest_pipe = dlt.pipeline(
    "jaffle_ingest",
    destination="jaffleshop_transformation_destination",
    dataset_name="ingest_data",
)

HOURLY = "0 * * * *"


@run.pipeline(
    jaffle_ingest_pipe,
    trigger=trigger.schedule(HOURLY),
    execute={"timeout": "6h"},
    expose={"display_name": "Jaffle Shop ingest"},
)
def ingest_jaffle():
    """Load raw Jaffle Shop data into local DuckDB."""
    print(jaffle_ingest_pipe.run([]))
`,
        'jaffle_transformations.py': `
"""Jaffle Shop transformation pipeline."""

from dlt.hub import run

from jaffle_ingestion import ingest_jaffle

TWO_HOURS = 2 * 60 * 60


@run.pipeline(
    "jaffle_transform",
    trigger=ingest_jaffle.success,
    execute={"timeout": {"timeout": TWO_HOURS, "grace_period": 60}},
    expose={"display_name": "Jaffle Shop transform"},
)
def transform_jaffle():
    """Transform raw Jaffle data into customer metrics."""
`,
        'apps/__init__.py': '',
        'apps/sales_dashboard.py': `
"""Sales at a glance."""
import streamlit as st

st.title("Sales")
`,
        'apps/jaffle_tools.py': `
from fastmcp import FastMCP

__expose__ = {"interface": "mcp", "category": "mcp", "starred": True}

server = FastMCP(name="jaffle-tools")
`,
      }),
      { now: NOW },
    );
    expect(generated.warnings).toEqual([]);
    expect(generated.manifest.description).toBe('Jaffle Shop -- ingest and transform customer data');
    expect(generated.manifest.jobs).toEqual([
      {
        job_ref: 'jobs.jaffle_ingestion.ingest_jaffle',
        description: 'Load raw Jaffle Shop data into local DuckDB.',
        entry_point: {
          module: 'jaffle_ingestion',
          function: 'ingest_jaffle',
          job_type: 'batch',
          launcher: LAUNCHERS.job,
        },
        triggers: ['schedule:0 * * * *'],
        execute: { timeout: { timeout: 21600 }, concurrency: 1 },
        expose: { display_name: 'Jaffle Shop ingest', category: 'pipeline', manual: true },
        deliver: { pipeline_name: 'jaffle_ingest' },
        default_trigger: 'schedule:0 * * * *',
      },
      {
        job_ref: 'jobs.jaffle_transformations.transform_jaffle',
        description: 'Transform raw Jaffle data into customer metrics.',
        entry_point: {
          module: 'jaffle_transformations',
          function: 'transform_jaffle',
          job_type: 'batch',
          launcher: LAUNCHERS.job,
        },
        triggers: ['job.success:jobs.jaffle_ingestion.ingest_jaffle'],
        execute: { timeout: { timeout: 7200, grace_period: 60 }, concurrency: 1 },
        expose: { display_name: 'Jaffle Shop transform', category: 'pipeline', manual: true },
        deliver: { pipeline_name: 'jaffle_transform' },
      },
      {
        job_ref: 'jobs.jaffle_mcp.jaffle_mcp',
        description: 'MCP server exposing a row_counts tool over the Jaffle Shop datasets.',
        entry_point: {
          module: '__deployment__',
          function: 'jaffle_mcp',
          job_type: 'interactive',
          launcher: LAUNCHERS.job,
        },
        triggers: ['http:'],
        execute: { concurrency: 1, timeout: { grace_period: 5, timeout: 1800 } },
        expose: { interface: 'mcp', display_name: 'Jaffle Shop MCP', manual: true },
        default_trigger: 'http:',
      },
      {
        job_ref: 'jobs.sales_dashboard',
        description: 'Sales at a glance.',
        entry_point: {
          module: 'apps.sales_dashboard',
          function: null,
          job_type: 'interactive',
          launcher: LAUNCHERS.streamlit,
        },
        triggers: ['http:'],
        execute: { concurrency: 1 },
        expose: { interface: 'gui', category: 'dashboard', manual: true },
        default_trigger: 'http:',
      },
      {
        job_ref: 'jobs.jaffle_tools',
        description: 'jaffle-tools',
        entry_point: { module: 'apps.jaffle_tools', function: null, job_type: 'interactive', launcher: LAUNCHERS.mcp },
        triggers: ['http:'],
        execute: { concurrency: 1 },
        // __expose__ replaces what the detector found.
        expose: { interface: 'mcp', category: 'mcp', starred: true, manual: true },
        default_trigger: 'http:',
      },
      DASHBOARD,
    ]);
  });

  it('expands job-event selectors, reads freshness and migrates deprecated arguments with warnings', async () => {
    const generated = await generateManifest(
      workspace({
        '__deployment__.py': `
from dlt.hub import run
from dlt.hub.run import trigger
from settings import DAILY, START

@run.job(trigger=DAILY, expose={"tags": ["ingest"]}, interval={"start": START})
def load_a():
    pass

@run.job(trigger=trigger.every(3600), expose={"tags": ["ingest"]}, require={"machine": {"size": "large"}})
def load_b():
    pass

@run.job(
    trigger="job.success:tag:ingest",
    freshness=[load_a.is_fresh],
    allow_external_schedulers=True,
    expose={"manual": False},
)
def report():
    pass

__all__ = ["load_a", "load_b", "report"]
`,
        'settings.py': `
DAILY = "schedule:0 6 * * *"
START = f"2026-01-01T06:{0}0:00+00:00"
`,
      }),
      { now: NOW },
    );
    const [loadA, loadB, report] = generated.manifest.jobs;
    expect(loadA?.triggers).toEqual(['schedule:0 6 * * *']);
    expect(loadB?.triggers).toEqual(['every:3600']);
    expect(loadB?.require).toEqual({ instance: { size: 'large' } });
    expect(loadA?.interval).toEqual({ start: '2026-01-01T06:00:00+00:00' });
    expect(report).toMatchObject({
      job_ref: 'jobs.__deployment__.report',
      triggers: ['job.success:jobs.__deployment__.load_a', 'job.success:jobs.__deployment__.load_b'],
      freshness: ['job.is_fresh:jobs.__deployment__.load_a'],
      incremental_mode: 'interval',
      expose: { manual: false },
    });
    // Job events never become the default trigger.
    expect(report?.default_trigger).toBeUndefined();
    expect(generated.warnings.map((warning) => `${warning.line}: ${warning.message}`)).toEqual([
      '9: require.machine is deprecated: write require.instance',
      '13: allow_external_schedulers is deprecated: write incremental_mode="interval"',
      '13: jobs.__deployment__.report: incremental_mode="interval" without an interval',
    ]);
  });

  it('keeps the hash when only created_at changes and changes it with the jobs', async () => {
    workspace(GITHUB_INGEST);
    const first = await generateManifest(root, { now: NOW });
    const later = await generateManifest(root, { now: new Date('2027-01-01T00:00:00Z') });
    expect(later.hash).toBe(first.hash);
    fs.writeFileSync(
      path.join(root, 'github_report.py'),
      fs.readFileSync(path.join(root, 'github_report.py'), 'utf8').replace('0 3 * * *', '0 4 * * *'),
    );
    const changed = await generateManifest(root, { now: NOW });
    expect(changed.hash).not.toBe(first.hash);
    expect(changed.jobHashes['jobs.github_report']).not.toBe(first.jobHashes['jobs.github_report']);
    expect(changed.jobHashes['jobs.github_pipeline.load_commits']).toBe(
      first.jobHashes['jobs.github_pipeline.load_commits'],
    );
  });

  it('warns about a missing __all__, names that are not jobs and modules without a main block', async () => {
    const generated = await generateManifest(
      workspace({
        '__deployment__.py': `
import helpers
from dlt.hub import run

LIMIT = 10

@run.job
def nightly():
    pass
`,
        'helpers.py': 'X = 1\n',
      }),
      { now: NOW },
    );
    expect(generated.manifest.jobs.map((job) => job.job_ref)).toEqual([
      'jobs.helpers',
      'jobs.__deployment__.nightly',
      'jobs.workspace.dashboard',
    ]);
    expect(generated.warnings.map((warning) => `${warning.file}: ${warning.message}`)).toEqual([
      '__deployment__.py: __deployment__.py has no __all__, scanning every public name',
      'helpers.py: module job jobs.helpers has no `if __name__ == "__main__":` block: the job is its top-level code, which also runs whenever the module is imported (dlt imports it on every deploy)',
    ]);
  });
});

describe('generateManifest: ad-hoc file', () => {
  it('turns a plain script into one batch module job with deployment_module null and no dashboard', async () => {
    workspace({
      'fruitshop_pipeline.py': `
"""Loads the fruitshop sample data."""
import dlt

if __name__ == "__main__":
    dlt.pipeline("fruitshop", destination="duckdb").run([])
`,
    });
    const generated = await generateManifest(root, { file: 'fruitshop_pipeline.py', adHoc: true, now: NOW });
    expect(generated.manifest).toEqual({
      engine_version: 2,
      created_at: '2026-05-01T10:00:00+00:00',
      deployment_module: null,
      jobs: [
        {
          job_ref: 'jobs.fruitshop_pipeline',
          description: 'Loads the fruitshop sample data.',
          entry_point: { module: 'fruitshop_pipeline', function: null, job_type: 'batch', launcher: LAUNCHERS.module },
          triggers: [],
          execute: { concurrency: 1 },
          expose: { manual: true },
        },
      ],
    });
  });

  it('takes the decorated jobs of the file', async () => {
    workspace({
      'hello.py': `
from dlt.hub import run

@run.job(name="hello")
def main():
    print("hello")
`,
    });
    const generated = await generateManifest(root, { file: 'hello.py', adHoc: true, now: NOW });
    expect(generated.manifest.jobs.map((job) => [job.job_ref, job.entry_point.function])).toEqual([
      ['jobs.hello.hello', 'main'],
    ]);
  });
});

describe('generateManifest: errors', () => {
  it('names file:line and what to write instead for values that need running the code', async () => {
    workspace({
      '__deployment__.py': `
import os
from dlt.hub import run

@run.job(trigger=os.environ["SCHEDULE"])
def from_env():
    pass

@run.job(expose={"display_name": "x" + os.getcwd()})
def computed():
    pass

__all__ = ["from_env", "computed"]
`,
    });
    const problems = await problemsOf(generateManifest(root));
    expect(problems).toEqual([
      expect.stringMatching(
        /^__deployment__\.py:4: trigger: `os\.environ\['SCHEDULE'\]` cannot be known without running the code; write the trigger as a string/,
      ),
      "__deployment__.py:8: expose.display_name: `'x' + os.getcwd()` cannot be known without running the code; write a literal value or a module-level constant instead",
    ]);
  });

  it('treats names that are reassigned, or bound in loops, as unknowable', async () => {
    workspace({
      '__deployment__.py': `
from dlt.hub import run

SCHEDULE = "0 * * * *"
SCHEDULE += " "

for PERIOD in ["5m", "10m"]:
    pass

@run.job(trigger=SCHEDULE)
def first():
    pass

@run.job(trigger=f"every:{PERIOD}")
def second():
    pass

__all__ = ["first", "second"]
`,
    });
    expect(await problemsOf(generateManifest(root))).toEqual([
      expect.stringMatching(/^__deployment__\.py:9: trigger: `SCHEDULE` cannot be known without running the code/),
      expect.stringMatching(
        /^__deployment__\.py:13: trigger: `f'every:\{PERIOD\}'` cannot be known without running the code/,
      ),
    ]);
  });

  it('reports every rule of the manifest at once', async () => {
    workspace({
      '__deployment__.py': `
from dlt.hub import run
from other import elsewhere

@run.job(trigger=["every:5m", "schedule:0 * * * *"], require={"profile": "dev", "instance": "large"})
def two_schedules():
    pass

@run.job(trigger=["http:", "manual:jobs.x"])
def batch_http():
    pass

@run.job(name="two_schedules", trigger="every:30s")
def duplicate():
    pass

@run.job(trigger=[elsewhere.success], interval={"start": "2026-01-01"})
def follows_unlisted():
    pass

@run.job(section="py")
def reserved():
    pass

@run.job(trigger="job.fail:jobs.__deployment__.self_loop")
def self_loop():
    pass

__all__ = ["two_schedules", "batch_http", "duplicate", "follows_unlisted", "reserved", "self_loop", "missing"]
`,
      'other.py': `
from dlt.hub import run

@run.job
def elsewhere():
    pass
`,
    });
    const problems = await problemsOf(generateManifest(root));
    expect(problems).toEqual([
      "__deployment__.py:8: Invalid trigger 'manual:jobs.x': manual triggers are derived. Use expose.manual instead.",
      "__deployment__.py:12: Invalid trigger 'every:30s': minimum period is 1 minute",
      '__deployment__.py:28: __all__ names "missing", which the module does not define or import',
      '__deployment__.py:4: jobs.__deployment__.two_schedules: has more than one schedule:/every: trigger',
      '__deployment__.py:4: jobs.__deployment__.two_schedules: require.profile "dev" is a local-only profile; use a synced profile such as prod or access',
      '__deployment__.py:4: jobs.__deployment__.two_schedules: require.instance must be an object such as {"size": "small"}',
      '__deployment__.py:8: jobs.__deployment__.batch_http: a batch job cannot have an http: trigger',
      '__deployment__.py:12: jobs.__deployment__.two_schedules: duplicate job ref: two jobs have the same section and name',
      '__deployment__.py:16: jobs.__deployment__.follows_unlisted: interval needs a schedule: or every: trigger',
      '__deployment__.py:20: jobs.py.reserved: job ref "jobs.py.reserved": "py" is reserved',
      '__deployment__.py:16: jobs.__deployment__.follows_unlisted: "job.success:jobs.other.elsewhere" refers to jobs.other.elsewhere, which is not in this manifest (add it to __all__)',
      '__deployment__.py:24: jobs.__deployment__.self_loop: "job.fail:jobs.__deployment__.self_loop" triggers the job on itself',
    ]);
  });

  it('reports syntax errors with file and line, and a missing __deployment__.py', async () => {
    workspace({ '__deployment__.py': 'import jobs\n__all__ = ["jobs"]\n', 'jobs.py': 'def broken(:\n    pass\n' });
    expect(await problemsOf(generateManifest(root))).toEqual([expect.stringMatching(/^jobs\.py:1: syntax error: /)]);
    fs.rmSync(path.join(root, '__deployment__.py'));
    await expect(generateManifest(root)).rejects.toThrow("No '__deployment__.py' file found in the workspace");
    await expect(generateManifest(root, { file: 'nope.py', adHoc: true })).rejects.toThrow('File not found: nope.py');
  });
});

describe('listReferencedProfiles', () => {
  it('lists the profiles of require={"profile": ...} in real decorator calls only', async () => {
    workspace({
      '__deployment__.py': `
from dlt.hub import run
from jobs import nightly

# require={"profile": "commented"} in a comment is not a decorator call
NOTE = 'require={"profile": "in_a_string"}'

@run.job(require={"profile": "reporting"})
def report():
    pass

__all__ = ["report", "nightly"]
`,
      'jobs.py': `
from dlt.hub import run

@run.pipeline("p", require={"profile": "prod"})
def nightly():
    pass

def helper(require={"profile": "not_a_job"}):
    pass
`,
    });
    expect(await listReferencedProfiles(root)).toEqual(['prod', 'reporting']);
  });
});
