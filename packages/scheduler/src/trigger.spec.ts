import { isDlthubError } from '@dlthub/config-core';
import { humanizeTrigger, normalizeTrigger, normalizeTriggers, parseTrigger, triggerType } from './trigger';

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(isDlthubError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseTrigger', () => {
  it('parses every trigger type into typed values', () => {
    expect(parseTrigger('schedule:0 * * * *')).toEqual({
      type: 'schedule',
      raw: 'schedule:0 * * * *',
      cron: '0 * * * *',
    });
    expect(parseTrigger('every:5m')).toMatchObject({ type: 'every', seconds: 300 });
    expect(parseTrigger('every:1.5h')).toMatchObject({ seconds: 5400 });
    expect(parseTrigger('every:90')).toMatchObject({ seconds: 90 });
    expect(parseTrigger('once:2026-05-01T10:00:00+02:00')).toMatchObject({
      type: 'once',
      at: new Date('2026-05-01T08:00:00Z'),
    });
    expect(parseTrigger('job.success:jobs.etl.load')).toMatchObject({ type: 'job.success', jobRef: 'jobs.etl.load' });
    expect(parseTrigger('job.fail:jobs.load')).toMatchObject({ type: 'job.fail', jobRef: 'jobs.load' });
    expect(parseTrigger('tag:ingest')).toMatchObject({ type: 'tag', tag: 'ingest' });
    expect(parseTrigger('manual:jobs.a.b')).toMatchObject({ type: 'manual', jobRef: 'jobs.a.b' });
    expect(parseTrigger('pipeline_name:github')).toMatchObject({ type: 'pipeline_name', pipelineName: 'github' });
    expect(parseTrigger('http:')).toEqual({ type: 'http', raw: 'http:', port: undefined, path: '' });
    expect(parseTrigger('http:8080/api')).toMatchObject({ port: 8080, path: '/api' });
    expect(parseTrigger('http:/mcp')).toMatchObject({ port: undefined, path: '/mcp' });
  });

  it('rejects invalid triggers with the trigger and the reason in the message', () => {
    expect(errorOf(() => parseTrigger('every:30s'))).toBe("Invalid trigger 'every:30s': minimum period is 1 minute");
    expect(errorOf(() => parseTrigger('every:soon'))).toContain("period must be like '5m'");
    expect(errorOf(() => parseTrigger('every:0'))).toContain('period must be positive');
    expect(errorOf(() => parseTrigger('schedule:61 * * * *'))).toContain("Invalid trigger 'schedule:61 * * * *'");
    expect(errorOf(() => parseTrigger('schedule:0 0 * * * *'))).toContain('invalid cron expression');
    expect(errorOf(() => parseTrigger('schedule:'))).toContain('requires a cron expression');
    expect(errorOf(() => parseTrigger('once:tomorrow'))).toContain('ISO 8601');
    expect(errorOf(() => parseTrigger('job.success:load'))).toContain("must start with 'jobs.'");
    expect(errorOf(() => parseTrigger('http:https://x.io'))).toContain('not a full URL');
    expect(errorOf(() => parseTrigger('http:99999'))).toContain('port must be 1-65535');
    expect(errorOf(() => parseTrigger('http:abc'))).toContain('[port][/path]');
    expect(errorOf(() => parseTrigger('cron:x'))).toContain("unknown type 'cron'");
    expect(errorOf(() => parseTrigger('nothing'))).toContain('type:expr');
  });
});

describe('normalizeTrigger', () => {
  it('detects a bare 5-field cron and keeps every as given', () => {
    expect(normalizeTrigger('*/15 * * * *')).toEqual(['schedule:*/15 * * * *']);
    expect(normalizeTrigger('every:5m')).toEqual(['every:5m']);
    expect(normalizeTrigger(120)).toEqual(['every:120']);
  });

  it('writes once timestamps as UTC ISO, from ISO, naive ISO or unix seconds', () => {
    expect(normalizeTrigger('once:2026-05-01T12:00:00+02:00')).toEqual(['once:2026-05-01T10:00:00+00:00']);
    expect(normalizeTrigger('once:2026-05-01T10:00:00')).toEqual(['once:2026-05-01T10:00:00+00:00']);
    expect(normalizeTrigger('once:1777629600')).toEqual(['once:2026-05-01T10:00:00+00:00']);
  });

  it('expands job.completed into both follow-ups', () => {
    expect(normalizeTriggers(['job.completed:jobs.a', 'job.success:jobs.a'])).toEqual([
      'job.success:jobs.a',
      'job.fail:jobs.a',
    ]);
  });

  it('accepts bare deployment/http/webhook and refuses derived or unknown forms', () => {
    expect(normalizeTriggers(['http', 'deployment'])).toEqual(['http:', 'deployment:']);
    expect(errorOf(() => normalizeTrigger('manual:jobs.a'))).toContain('manual triggers are derived');
    expect(errorOf(() => normalizeTrigger('pipeline_name:p'))).toContain('derived from deliver');
    expect(errorOf(() => normalizeTrigger('tag'))).toContain('requires an expression');
    expect(errorOf(() => normalizeTrigger('hourly please'))).toContain('cannot normalize');
    expect(errorOf(() => normalizeTrigger('0 0 * * * *'))).toContain('cannot normalize');
  });

  it('returns nothing for no trigger', () => {
    expect(normalizeTriggers(undefined)).toEqual([]);
  });
});

describe('triggerType and humanizeTrigger', () => {
  it('names the type and describes the trigger as the CLI prints it', () => {
    expect(triggerType('job.success:jobs.a.b')).toBe('job.success');
    expect(triggerType('cron:x')).toBeUndefined();
    expect(humanizeTrigger('every:5m')).toBe('every 5m');
    expect(humanizeTrigger('schedule:0 * * * *')).toBe('schedule: 0 * * * *');
    expect(humanizeTrigger('job.success:jobs.a.b')).toBe('after jobs.a.b succeeds');
    expect(humanizeTrigger('manual:jobs.a.b')).toBe('manual (jobs.a.b)');
    expect(humanizeTrigger('http:')).toBe('interactive service');
  });
});
