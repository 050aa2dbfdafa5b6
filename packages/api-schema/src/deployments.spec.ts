import { DeployManifestRequestSchema, JobListQuerySchema, JobSchema, jobRefPattern } from './manifest';
import { apiPaths } from './paths';
import {
  FireSchema,
  RunLogQuerySchema,
  RunLogStreamQuerySchema,
  RunSchema,
  TriggerJobsRequestSchema,
  TriggerRunRequestSchema,
  isTerminalRunStatus,
} from './run';

const job = {
  job_ref: 'jobs.etl.load',
  entry_point: {
    module: 'etl',
    function: 'load',
    job_type: 'batch',
    launcher: 'dlt._workspace.deployment.launchers.job',
  },
  triggers: ['every:5m'],
  execute: { concurrency: 1 },
  expose: { tags: ['ingest'], manual: true },
};

describe('deployment schemas', () => {
  it('job refs are jobs.<name> or jobs.<section>.<name> of identifiers', () => {
    expect(['jobs.a', 'jobs.a.b', 'jobs._x.y1'].every((ref) => jobRefPattern.test(ref))).toBe(true);
    expect(['a.b', 'jobs.', 'jobs.a.b.c', 'jobs.1a', 'jobs.a-b'].some((ref) => jobRefPattern.test(ref))).toBe(false);
  });

  it('a manifest keeps the keys it does not type, defaults dry_run and the deployment module', () => {
    const parsed = DeployManifestRequestSchema.parse({ jobs: [job] });
    expect(parsed.dry_run).toBe(false);
    expect(parsed.deployment_module).toBe('__deployment__');
    expect(parsed.jobs[0]?.['expose']).toEqual({ tags: ['ingest'], manual: true });
    expect(DeployManifestRequestSchema.parse({ jobs: [], deployment_module: null }).deployment_module).toBeNull();
  });

  it('refuses duplicate job refs and unknown job types', () => {
    expect(DeployManifestRequestSchema.safeParse({ jobs: [job, job] }).success).toBe(false);
    const bad = { ...job, entry_point: { ...job.entry_point, job_type: 'cron' } };
    expect(DeployManifestRequestSchema.safeParse({ jobs: [bad] }).success).toBe(false);
  });

  it('a seeded job without a definition is still a job', () => {
    expect(JobSchema.parse({ id: 'j', name: 'nightly', workspace_id: 'w', active: true })).toEqual({
      id: 'j',
      name: 'nightly',
      workspace_id: 'w',
      active: true,
    });
  });

  it('job lists hide archived jobs unless asked', () => {
    expect(JobListQuerySchema.parse({})).toEqual({ archived: false });
    expect(JobListQuerySchema.parse({ archived: 'true' })).toEqual({ archived: true });
    expect(JobListQuerySchema.safeParse({ archived: 'yes' }).success).toBe(false);
  });

  it('run states: three are terminal; profiles in trigger requests are profile names', () => {
    expect(RunSchema.shape.status.options.filter(isTerminalRunStatus)).toEqual(['completed', 'failed', 'cancelled']);
    expect(TriggerRunRequestSchema.safeParse({ job: 'jobs.a', profile: 'Prod!' }).success).toBe(false);
    expect(TriggerRunRequestSchema.parse({ job: 'jobs.a' }).refresh).toBe(false);
    expect(RunLogQuerySchema.parse({ limit: '10' })).toEqual({ limit: 10, offset: 0 });
    expect(RunLogQuerySchema.parse({ after: '4000' })).toEqual({ limit: 1000, offset: 0, after: 4000 });
    expect(RunLogQuerySchema.safeParse({ after: '-1' }).success).toBe(false);
    // Past the database's 32-bit line numbers: refused here rather than failing in PostgreSQL.
    expect(RunLogQuerySchema.safeParse({ after: String(2 ** 31) }).success).toBe(false);
    expect(RunLogQuerySchema.safeParse({ offset: '1e20' }).success).toBe(false);
    expect(RunLogStreamQuerySchema.safeParse({ after: String(2 ** 31) }).success).toBe(false);
    expect(RunLogStreamQuerySchema.parse({ after: String(2 ** 31 - 1) })).toEqual({ after: 2 ** 31 - 1 });
  });

  it('builds deployment, job and run paths with encoded ids', () => {
    expect(apiPaths.workspaceDeployment('w', 3)).toBe('/api/v1/workspaces/w/deployments/3');
    expect(apiPaths.workspaceJob('w', 'jobs.a.b')).toBe('/api/v1/workspaces/w/jobs/jobs.a.b');
    expect(apiPaths.workspaceRunLogStream('w/x', 'r')).toBe('/api/v1/workspaces/w%2Fx/runs/r/logs/stream');
    expect(apiPaths.workspaceJobPause('w', 'jobs.a')).toBe('/api/v1/workspaces/w/jobs/jobs.a/pause');
    expect(apiPaths.workspaceJobResume('w', 'jobs.a')).toBe('/api/v1/workspaces/w/jobs/jobs.a/resume');
    expect(apiPaths.workspaceJobFires('w', 'jobs.a')).toBe('/api/v1/workspaces/w/jobs/jobs.a/fires');
    expect(apiPaths.workspaceJobsTrigger('w')).toBe('/api/v1/workspaces/w/jobs/trigger');
  });

  it('validates selector triggers and fire records', () => {
    expect(TriggerJobsRequestSchema.parse({ selectors: ['tag:nightly'] })).toEqual({
      selectors: ['tag:nightly'],
      refresh: false,
    });
    expect(TriggerJobsRequestSchema.safeParse({ selectors: [] }).success).toBe(false);
    const fire = {
      job_ref: 'jobs.a',
      trigger: 'every:1m',
      due_at: '2026-03-02T00:01:00.000Z',
      fired_at: '2026-03-02T00:01:00.000Z',
      status: 'skipped_concurrency_limit',
      reasons: ['jobs.a allows 1 active run(s)'],
      run_id: null,
    };
    expect(FireSchema.parse(fire)).toEqual(fire);
    expect(FireSchema.safeParse({ ...fire, status: 'skipped_trial_expired' }).success).toBe(false);
  });
});
