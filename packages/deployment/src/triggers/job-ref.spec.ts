import { isIdentifier, jobRefProblem, makeJobRef } from './job-ref';

describe('job refs', () => {
  it('builds refs and explains what is wrong with a bad one', () => {
    expect(makeJobRef('etl', 'load')).toBe('jobs.etl.load');
    expect(makeJobRef(null, 'report')).toBe('jobs.report');
    expect(isIdentifier('load_2')).toBe(true);
    expect(isIdentifier('2load')).toBe(false);
    expect(jobRefProblem('jobs.a.b')).toBeNull();
    expect(jobRefProblem('jobs.py.b')).toMatch(/reserved/);
    expect(jobRefProblem('jobs.1a')).toMatch(/identifier/);
    expect(jobRefProblem('jobs.a.b.c')).toMatch(/jobs.<name> or jobs.<section>.<name>/);
    expect(jobRefProblem('etl.load')).toMatch(/must start with "jobs."/);
  });
});
