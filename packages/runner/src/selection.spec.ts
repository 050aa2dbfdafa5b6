import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JobDefinition } from '@dlthub/deployment';
import { configEnv, configSections, runtimeEntryPoint } from './environment';
import { configuredProfiles, selectProfile } from './profile';
import { resolvePython } from './python';

const job = (jobType: 'batch' | 'interactive', require?: Record<string, unknown>): JobDefinition => ({
  job_ref: 'jobs.etl.load',
  entry_point: {
    module: 'etl',
    function: 'load',
    job_type: jobType,
    launcher: 'dlt._workspace.deployment.launchers.job',
  },
  triggers: [],
  execute: { concurrency: 1 },
  ...(require ? { require } : {}),
});

describe('selectProfile', () => {
  const both = new Set(['prod', 'access']);
  it('batch → prod, interactive → access, falling back to prod; require.profile and requests win', () => {
    expect(selectProfile(job('batch'), { configured: both })).toMatchObject({ profile: 'prod', source: 'job type' });
    expect(selectProfile(job('interactive'), { configured: both })).toMatchObject({ profile: 'access' });
    expect(selectProfile(job('interactive'), { configured: new Set(['prod']) })).toMatchObject({
      profile: 'prod',
      source: 'fallback',
      warning: "No 'access' profile detected. Interactive jobs will use `prod` profile.",
    });
    expect(selectProfile(job('batch', { profile: 'analytics' }), { configured: both })).toEqual({
      profile: 'analytics',
      source: 'require.profile',
    });
    expect(selectProfile(job('batch', { profile: 'analytics' }), { configured: both, requested: 'dev' })).toEqual({
      profile: 'dev',
      source: 'request',
      warning: 'jobs.etl.load declares require.profile "analytics"; running with "dev"',
    });
  });

  it('reads the configured profiles from the .dlt file names', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-profiles-'));
    for (const name of ['config.toml', 'prod.config.toml', 'access.secrets.toml', 'notes.txt'])
      fs.writeFileSync(path.join(dir, name), '');
    expect([...configuredProfiles(dir)].sort()).toEqual(['access', 'prod']);
    expect(configuredProfiles(path.join(dir, 'missing')).size).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('run environment', () => {
  it('writes config under the job section, module jobs under the module name', () => {
    expect(configSections(job('batch'))).toEqual(['jobs', 'etl', 'load']);
    expect(
      configSections({
        job_ref: 'jobs.report',
        entry_point: { module: 'reports.report', function: null, job_type: 'batch', launcher: 'm' },
      }),
    ).toEqual(['jobs', 'report']);
    expect(configEnv(['jobs', 'etl', 'load'], { limit: 5, api: { url: 'https://x', tags: ['a'] } })).toEqual({
      JOBS__ETL__LOAD__LIMIT: '5',
      JOBS__ETL__LOAD__API__URL: 'https://x',
      JOBS__ETL__LOAD__API__TAGS: '["a"]',
    });
  });

  it('builds dlt runtime entry points', () => {
    expect(
      runtimeEntryPoint(job('interactive'), {
        runId: 'r',
        trigger: 'http:',
        profile: 'access',
        runArgs: { port: 5000, base_path: '' },
      }),
    ).toEqual({
      module: 'etl',
      function: 'load',
      job_type: 'interactive',
      launcher: 'dlt._workspace.deployment.launchers.job',
      job_ref: 'jobs.etl.load',
      profile: 'access',
      run_args: { port: 5000, base_path: '' },
      refresh: false,
      intercept_signals: true,
    });
  });
});

describe('resolvePython', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-python-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const executable = (file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  };

  it('explicit interpreter, then uv with a pyproject, then .venv, then python3', () => {
    const bin = path.join(dir, 'bin');
    const env = { PATH: bin };
    expect(resolvePython(dir, { env })).toEqual({ argv: ['python3'], via: 'default' });
    executable(path.join(dir, '.venv', 'bin', 'python'));
    expect(resolvePython(dir, { env })).toEqual({ argv: [path.join(dir, '.venv', 'bin', 'python')], via: 'venv' });
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\n');
    // uv is not on PATH yet: the virtualenv still wins.
    expect(resolvePython(dir, { env }).via).toBe('venv');
    executable(path.join(bin, 'uv'));
    expect(resolvePython(dir, { env })).toEqual({
      argv: [path.join(bin, 'uv'), 'run', '--project', dir, 'python'],
      via: 'uv',
    });
    fs.writeFileSync(path.join(dir, 'uv.lock'), '');
    expect(resolvePython(dir, { env }).argv).toContain('--frozen');
    expect(resolvePython(dir, { env, python: '/opt/py/bin/python3.12' })).toEqual({
      argv: ['/opt/py/bin/python3.12'],
      via: 'explicit',
    });
    expect(resolvePython(dir, { env: { ...env, DLTHUB_PYTHON: 'python3.11' } }).argv).toEqual(['python3.11']);
  });
});
