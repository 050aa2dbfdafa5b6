import * as path from 'node:path';
import { tempRoot } from './__fixtures__/temp-root';
import { readJobDecorators } from './python-jobs';

describe('readJobDecorators', () => {
  const { dir, write } = tempRoot('dlthub-python-jobs-');
  const env = { PATH: process.env.PATH ?? '' };

  it('reads a require keyword spelled with fullwidth letters, which Python folds to `require`', () => {
    write('jobs/wide.py', '\n@job(ｒｅｑｕｉｒｅ={"profile": "analytics"})\ndef wide():\n    pass\n');
    expect(readJobDecorators(dir(), env)).toEqual({
      references: [{ file: 'jobs/wide.py', line: 2, profile: 'analytics' }],
      problems: [],
    });
  });

  it('parses only the files that can hold a require keyword', () => {
    write('jobs/report.py', '@job(require={"profile": "analytics"})\ndef report():\n    pass\n');
    write('jobs/broken.py', '@job(require={"profile": "qa"}\ndef broken(:\n');
    // Not valid Python either, but with no `require` in it there is nothing to read: it is not parsed.
    write('pipelines/draft.py', 'def draft(:\n');
    expect(readJobDecorators(dir(), env)).toEqual({
      references: [{ file: 'jobs/report.py', line: 1, profile: 'analytics' }],
      problems: [{ file: 'jobs/broken.py', line: 2, message: expect.stringContaining('syntax error') }],
    });
  });

  it('does not start the interpreter when no file can hold a require keyword', () => {
    write('pipelines/load.py', 'import dlt\n\n@dlt.source\ndef crm():\n    return []\n');
    const missingPython = { ...env, DLTHUB_PYTHON: path.join(dir(), 'no-such-python') };
    expect(readJobDecorators(dir(), missingPython)).toEqual({ references: [], problems: [] });
    write('jobs/report.py', '@job(require={"profile": "analytics"})\ndef report():\n    pass\n');
    expect(() => readJobDecorators(dir(), missingPython)).toThrow('python3 did not run');
  });
});
