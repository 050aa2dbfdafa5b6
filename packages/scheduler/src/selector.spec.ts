import { fnmatch } from './fnmatch';
import { defaultTrigger, effectiveTriggers, manualFireTrigger, type JobDefinition } from './job';
import { isSelector, matchTriggers, pickTrigger, resolveJobRef, resolveJobs, selectJobs } from './selector';

const load: JobDefinition = {
  job_ref: 'jobs.etl.load',
  entry_point: { job_type: 'batch' },
  triggers: ['job.success:jobs.etl.extract', 'every:5m'],
  expose: { tags: ['ingest', 'backfill'] },
  deliver: { pipeline_name: 'github' },
};
const dashboard: JobDefinition = {
  job_ref: 'jobs.workspace.dashboard',
  entry_point: { job_type: 'interactive' },
  triggers: ['http:'],
};
const quiet: JobDefinition = { job_ref: 'jobs.quiet', triggers: ['schedule:0 3 * * *'], expose: { manual: false } };

describe('derived triggers', () => {
  it('adds manual, tag and pipeline_name triggers at match time without storing them', () => {
    expect(effectiveTriggers(load)).toEqual([
      'job.success:jobs.etl.extract',
      'every:5m',
      'manual:jobs.etl.load',
      'tag:ingest',
      'tag:backfill',
      'pipeline_name:github',
    ]);
    expect(load.triggers).toHaveLength(2);
    expect(effectiveTriggers(quiet)).toEqual(['schedule:0 3 * * *']);
  });

  it('computes the default trigger and the manual fire trigger as dlt does', () => {
    expect(defaultTrigger(load.triggers!)).toBe('every:5m');
    expect(defaultTrigger(['job.fail:jobs.a', 'tag:x'])).toBe('tag:x');
    expect(defaultTrigger(['job.fail:jobs.a'])).toBeUndefined();
    expect(manualFireTrigger({ job_ref: 'jobs.a', triggers: ['job.fail:jobs.b'] })).toBe('manual:jobs.a');
  });
});

describe('selectors', () => {
  it('knows selectors from job names', () => {
    expect(['tag:x', 'batch', 'schedule', 'job', 'manual:'].every(isSelector)).toBe(true);
    expect(isSelector('load')).toBe(false);
  });

  it('matches type keywords, bare trigger types, trailing colons and globs', () => {
    const triggers = effectiveTriggers(load);
    expect(matchTriggers('batch', triggers, ['job'])).toEqual(triggers);
    expect(matchTriggers('batch', triggers, ['interactive'])).toEqual([]);
    expect(matchTriggers('batch', triggers, ['tag'])).toEqual(['tag:ingest', 'tag:backfill']);
    expect(matchTriggers('batch', triggers, ['manual:'])).toEqual(['manual:jobs.etl.load']);
    expect(matchTriggers('batch', triggers, ['manual:jobs.etl.*', 'tag:back*'])).toEqual([
      'manual:jobs.etl.load',
      'tag:backfill',
    ]);
    expect(matchTriggers('interactive', ['http:8080/api'], ['http:*'])).toEqual(['http:8080/api']);
  });

  it('prefers the default trigger when it matched', () => {
    expect(pickTrigger(['manual:jobs.a', 'every:5m'], 'every:5m')).toBe('every:5m');
    expect(pickTrigger(['manual:jobs.a'], 'every:5m')).toBe('manual:jobs.a');
  });

  it('selects jobs with the trigger to fire', () => {
    const selected = selectJobs([load, dashboard, quiet], ['tag:ingest', 'manual:*'], (job) => job);
    expect(selected.map((entry) => [entry.job.job_ref, entry.trigger])).toEqual([
      ['jobs.etl.load', 'tag:ingest'],
      ['jobs.workspace.dashboard', 'manual:jobs.workspace.dashboard'],
    ]);
    expect(selectJobs([load], ['batch'], (job) => job)[0].trigger).toBe('every:5m');
  });

  it('uses fnmatch semantics: * crosses / and ., sets and negated sets work', () => {
    expect(fnmatch('http:8080/api/v1', 'http:*')).toBe(true);
    expect(fnmatch('tag:a1', 'tag:a[0-9]')).toBe(true);
    expect(fnmatch('tag:ab', 'tag:a[!b]')).toBe(false);
    expect(fnmatch('tag:a.b', 'tag:a?b')).toBe(true);
    expect(fnmatch('tag:(x)', 'tag:(x)')).toBe(true);
    expect(fnmatch('tag:x', 'tag:[x')).toBe(false);
  });
});

describe('job names', () => {
  const refs = ['jobs.etl.load', 'jobs.crm.load', 'jobs.etl.extract', 'jobs.report'];

  it('resolves full refs, section.name and unique bare names', () => {
    expect(resolveJobRef('jobs.report', refs)).toBe('jobs.report');
    expect(resolveJobRef('etl.load', refs)).toBe('jobs.etl.load');
    expect(resolveJobRef('extract', refs)).toBe('jobs.etl.extract');
  });

  it('refuses unknown and ambiguous names', () => {
    expect(() => resolveJobRef('missing', refs)).toThrow("Job 'missing' not found");
    expect(() => resolveJobRef('load', refs)).toThrow("Job name 'load' is ambiguous: jobs.etl.load, jobs.crm.load");
  });

  it('mixes names and selectors; a name fires its default trigger', () => {
    const picked = resolveJobs([load, dashboard, quiet], ['quiet', 'interactive'], (job) => job);
    expect(picked.map((entry) => [entry.job.job_ref, entry.trigger])).toEqual([
      ['jobs.workspace.dashboard', 'http:'],
      ['jobs.quiet', 'schedule:0 3 * * *'],
    ]);
  });
});
