import { expandJobEventSelectors } from './follow-up-selectors';
import type { JobDefinition } from './job';
import { normalizeTriggers, parseTrigger } from './trigger';

describe('follow-ups written with a selector', () => {
  it('normalizes them as written, for expansion over the manifest', () => {
    expect(normalizeTriggers(['job.completed:tag:ingest', 'job.success:batch'])).toEqual([
      'job.success:tag:ingest',
      'job.fail:tag:ingest',
      'job.success:batch',
    ]);
    expect(() => parseTrigger('job.success:tag:ingest')).toThrow("must start with 'jobs.'");
  });

  it('expands to one trigger per matching non-interactive job, never the job itself', () => {
    const jobs: JobDefinition[] = [
      { job_ref: 'jobs.a', expose: { tags: ['ingest'] }, triggers: ['every:1h'] },
      { job_ref: 'jobs.b', expose: { tags: ['ingest'] } },
      {
        job_ref: 'jobs.ui',
        entry_point: { job_type: 'interactive' },
        expose: { tags: ['ingest'] },
        triggers: ['http:'],
      },
      {
        job_ref: 'jobs.report',
        expose: { tags: ['ingest'] },
        triggers: ['job.success:tag:ingest', 'job.fail:jobs.a', 'job.fail:tag:ingest'],
      },
    ];
    const expanded = expandJobEventSelectors(jobs);
    expect(expanded[3].triggers).toEqual([
      'job.success:jobs.a',
      'job.success:jobs.b',
      'job.fail:jobs.a',
      'job.fail:jobs.b',
    ]);
    expect(expanded.slice(0, 3)).toEqual(jobs.slice(0, 3));
    expect(expanded[3].triggers!.every((trigger) => parseTrigger(trigger).type.startsWith('job.'))).toBe(true);
  });
});
