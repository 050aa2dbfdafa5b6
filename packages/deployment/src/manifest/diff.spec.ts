import { diffManifests } from './diff';
import type { JobDefinition } from './types';

const job = (ref: string, triggers: string[] = []): JobDefinition => ({
  job_ref: ref,
  entry_point: { module: 'm', function: ref.split('.').at(-1)!, job_type: 'batch', launcher: 'l' },
  triggers,
  execute: { concurrency: 1 },
});

describe('diffManifests', () => {
  it('sorts jobs into added, updated, unchanged and archived', () => {
    const before = { jobs: [job('jobs.m.a'), job('jobs.m.b'), job('jobs.m.gone')] };
    const next = {
      deployment_module: '__deployment__',
      jobs: [job('jobs.m.a'), job('jobs.m.b', ['every:5m']), job('jobs.m.new')],
    };
    expect(diffManifests(before, next)).toEqual({
      added: ['jobs.m.new'],
      updated: ['jobs.m.b'],
      unchanged: ['jobs.m.a'],
      archived: ['jobs.m.gone'],
    });
  });

  it('adds everything without a previous manifest and archives nothing ad hoc', () => {
    expect(diffManifests(null, { deployment_module: '__deployment__', jobs: [job('jobs.m.a')] }).added).toEqual([
      'jobs.m.a',
    ]);
    expect(diffManifests({ jobs: [job('jobs.m.a')] }, { deployment_module: null, jobs: [] }).archived).toEqual([]);
  });
});
