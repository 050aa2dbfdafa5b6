import {
  defaultTrigger,
  expandedTriggers,
  humanizeTrigger,
  matchSelector,
  nextFireTime,
  normalizeTrigger,
  parsePeriodSeconds,
} from './triggers';
import { jobRefProblem, resolveJobRef } from './job-ref';

describe('normalizeTrigger', () => {
  it.each([
    ['0 * * * *', 'schedule:0 * * * *'],
    ['schedule:*/15 9-17 * * MON-FRI', 'schedule:*/15 9-17 * * MON-FRI'],
    ['every:5m', 'every:5m'],
    ['every:3600', 'every:3600'],
    ['once:2026-05-01T12:00:00+02:00', 'once:2026-05-01T10:00:00+00:00'],
    ['job.success:jobs.github_pipeline.load_commits', 'job.success:jobs.github_pipeline.load_commits'],
    ['job.fail:tag:ingest', 'job.fail:tag:ingest'],
    ['http', 'http:'],
    ['http:8080/api', 'http:8080/api'],
    ['deployment', 'deployment:'],
    ['tag:backfill', 'tag:backfill'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTrigger(input)).toBe(expected);
  });

  it.each([
    ['every:30s', /at least 60 seconds/],
    ['every:soon', /number of seconds/],
    ['schedule:61 * * * *', /not valid/],
    ['schedule:* * * *', /5 fields/],
    ['job.success:github.load', /must be a job ref/],
    ['job.success:jobs.a.b.c', /jobs.<name> or jobs.<section>.<name>/],
    ['http://example.com', /not a full URL/],
    ['nightly', /expected "<type>:<expression>"/],
    ['once:tomorrow', /ISO 8601/],
  ])('rejects %s', (input, message) => {
    expect(() => normalizeTrigger(input)).toThrow(message);
  });
});

describe('trigger helpers', () => {
  it('parses periods', () => {
    expect(parsePeriodSeconds('5m')).toBe(300);
    expect(parsePeriodSeconds('1.5h')).toBe(5400);
    expect(parsePeriodSeconds('2d')).toBe(172800);
    expect(parsePeriodSeconds(90)).toBe(90);
    expect(parsePeriodSeconds('5 minutes')).toBeNull();
  });

  it('picks the default trigger as dlt does', () => {
    expect(defaultTrigger(['job.success:jobs.a.b', 'every:5m', 'schedule:0 * * * *'])).toBe('every:5m');
    expect(defaultTrigger(['job.success:jobs.a.b', 'tag:x'])).toBe('tag:x');
    expect(defaultTrigger(['job.success:jobs.a.b', 'deployment:'])).toBeUndefined();
    expect(defaultTrigger(['http:'])).toBe('http:');
  });

  it('matches selectors against expanded triggers', () => {
    const job = {
      job_ref: 'jobs.etl.load',
      job_type: 'batch' as const,
      triggers: expandedTriggers({
        job_ref: 'jobs.etl.load',
        triggers: ['schedule:0 * * * *'],
        expose: { tags: ['ingest'] },
        deliver: { pipeline_name: 'gh' },
      }),
    };
    expect(job.triggers).toEqual(['schedule:0 * * * *', 'manual:jobs.etl.load', 'tag:ingest', 'pipeline_name:gh']);
    expect(matchSelector('schedule', job)).toEqual(['schedule:0 * * * *']);
    expect(matchSelector('manual:jobs.etl.*', job)).toEqual(['manual:jobs.etl.load']);
    expect(matchSelector('pipeline_name:', job)).toEqual(['pipeline_name:gh']);
    expect(matchSelector('batch', job)).toHaveLength(4);
    expect(matchSelector('interactive', job)).toEqual([]);
    expect(matchSelector('tag:ing[!x]st', job)).toEqual(['tag:ingest']);
  });

  it('computes the next fire time in the job time zone', () => {
    const after = new Date('2026-03-01T10:30:00Z');
    expect(nextFireTime('schedule:0 * * * *', after)?.toISOString()).toBe('2026-03-01T11:00:00.000Z');
    // 09:00 in New York (UTC-5 in March before DST) is 14:00 UTC.
    expect(nextFireTime('schedule:0 9 * * *', after, { timezone: 'America/New_York' })?.toISOString()).toBe(
      '2026-03-01T14:00:00.000Z',
    );
    expect(nextFireTime('every:5m', after, { anchor: new Date('2026-03-01T10:00:00Z') })?.toISOString()).toBe(
      '2026-03-01T10:35:00.000Z',
    );
    expect(nextFireTime('once:2026-01-01T00:00:00Z', after)).toBeNull();
  });

  it('humanizes triggers', () => {
    expect(humanizeTrigger('every:5m')).toBe('every 5m');
    expect(humanizeTrigger('job.success:jobs.a.b')).toBe('after jobs.a.b succeeds');
    expect(humanizeTrigger('http:')).toBe('interactive service');
  });
});

describe('job refs', () => {
  it('validates and resolves refs', () => {
    expect(jobRefProblem('jobs.a.b')).toBeNull();
    expect(jobRefProblem('jobs.py.b')).toMatch(/reserved/);
    expect(jobRefProblem('jobs.1a')).toMatch(/identifier/);
    const known = ['jobs.etl.load', 'jobs.dq.load', 'jobs.report'];
    expect(resolveJobRef('report', known)).toEqual({ ref: 'jobs.report' });
    expect(resolveJobRef('etl.load', known)).toEqual({ ref: 'jobs.etl.load' });
    expect(resolveJobRef('load', known)).toEqual({ error: 'ambiguous', candidates: ['jobs.etl.load', 'jobs.dq.load'] });
    expect(resolveJobRef('nope', known)).toEqual({ error: 'not_found', candidates: [] });
  });
});
