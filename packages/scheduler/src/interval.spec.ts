import { computeWindow, type WindowRequest } from './interval';
import type { JobDefinition } from './job';
import { parseTrigger } from './trigger';

const at = (iso: string) => new Date(iso);
const hourly: JobDefinition = { job_ref: 'jobs.h', triggers: ['schedule:0 * * * *'] };
const every: JobDefinition = { job_ref: 'jobs.e', triggers: ['every:30m'] };

function window(request: Partial<WindowRequest> & Pick<WindowRequest, 'job' | 'at'>) {
  const result = computeWindow({
    fired: parseTrigger(request.job.triggers?.[0] ?? 'manual:'),
    timed: true,
    refresh: false,
    ...request,
  });
  return result.ok ? [result.start.toISOString(), result.end.toISOString()] : [result.status, result.reason];
}

describe('computeWindow', () => {
  it('gives a schedule tick the elapsed cron interval, or the gap since the last completed run', () => {
    expect(window({ job: hourly, at: at('2026-03-02T05:00:00Z') })).toEqual([
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T05:00:00.000Z',
    ]);
    expect(
      window({ job: hourly, at: at('2026-03-02T05:00:00Z'), lastCompletedEnd: at('2026-03-02T02:00:00Z') }),
    ).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-02T05:00:00.000Z']);
  });

  it('reports a tick that completed runs already cover', () => {
    expect(
      window({ job: hourly, at: at('2026-03-02T05:00:00Z'), lastCompletedEnd: at('2026-03-02T06:00:00Z') }),
    ).toEqual(['skipped_already_covered', 'completed runs already cover up to 2026-03-02T06:00:00.000Z']);
  });

  it('gives other fires of a schedule job the gap up to the last elapsed tick', () => {
    const manual = { fired: parseTrigger('manual:jobs.h'), timed: false };
    expect(
      window({ job: hourly, at: at('2026-03-02T05:20:00Z'), lastCompletedEnd: at('2026-03-02T03:00:00Z'), ...manual }),
    ).toEqual(['2026-03-02T03:00:00.000Z', '2026-03-02T05:00:00.000Z']);
    expect(window({ job: hourly, at: at('2026-03-02T05:20:00Z'), ...manual })).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-02T05:00:00.000Z',
    ]);
  });

  it('never gives every-jobs an empty manual window', () => {
    const manual = { fired: parseTrigger('manual:jobs.e'), timed: false };
    expect(window({ job: every, at: at('2026-03-02T05:20:00Z'), ...manual })).toEqual([
      '2026-03-02T04:50:00.000Z',
      '2026-03-02T05:20:00.000Z',
    ]);
    expect(
      window({ job: every, at: at('2026-03-02T05:20:00Z'), lastCompletedEnd: at('2026-03-02T05:00:00Z'), ...manual }),
    ).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-02T05:20:00.000Z']);
  });

  it('bounds windows by a declared interval, snapped to ticks in the job timezone', () => {
    const daily: JobDefinition = {
      job_ref: 'jobs.d',
      triggers: ['schedule:0 0 * * *'],
      require: { timezone: 'America/New_York' },
      interval: { start: '2026-03-05T12:00:00Z', end: '2026-03-10T00:00:00Z' },
    };
    // midnight in New York is 05:00Z in early March (EST)
    expect(window({ job: daily, at: at('2026-03-04T05:00:00Z') })[0]).toBe('skipped_out_of_interval');
    expect(window({ job: daily, at: at('2026-03-07T05:00:00Z') })).toEqual([
      '2026-03-05T05:00:00.000Z',
      '2026-03-07T05:00:00.000Z',
    ]);
    expect(
      window({
        job: daily,
        at: at('2026-03-07T05:00:00Z'),
        lastCompletedEnd: at('2026-03-06T05:00:00Z'),
        refresh: true,
      }),
    ).toEqual(['2026-03-05T05:00:00.000Z', '2026-03-07T05:00:00.000Z']);
    // 2026-03-09T05:00Z → EDT from 8 March: the last tick before the end is 2026-03-09T04:00Z
    expect(
      window({ job: daily, at: at('2026-03-11T04:00:00Z'), lastCompletedEnd: at('2026-03-09T04:00:00Z') }),
    ).toEqual(['skipped_out_of_interval', 'past interval.end 2026-03-09T04:00:00.000Z']);
  });

  it('gives once fires [t, t) and jobs without a cadence [now, now)', () => {
    const once: JobDefinition = { job_ref: 'jobs.o', triggers: ['once:2026-03-02T10:00:00+00:00'] };
    expect(window({ job: once, at: at('2026-03-02T10:00:00Z') })).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
    ]);
    const follower: JobDefinition = { job_ref: 'jobs.f', triggers: ['job.success:jobs.h'] };
    expect(window({ job: follower, at: at('2026-03-02T10:07:00Z'), timed: false })).toEqual([
      '2026-03-02T10:07:00.000Z',
      '2026-03-02T10:07:00.000Z',
    ]);
  });
});
