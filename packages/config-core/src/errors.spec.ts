import { DlthubError, exitCodeFor, isDlthubError, type DlthubErrorCode } from './errors';

describe('exit codes from error codes', () => {
  it.each<[DlthubErrorCode, number]>([
    ['Usage', 2],
    ['InvalidProfileName', 2],
    ['UnknownDestinationType', 2],
    ['UnknownDestination', 1],
    ['TomlProviderRead', 1],
    ['ConfigFieldMissing', 1],
    ['WriteRefused', 1],
    ['RunFailed', 1],
    ['Internal', 1],
    ['Cancelled', 130],
  ])('%s exits %d', (code, expected) => {
    expect(exitCodeFor({ code })).toBe(expected);
    expect(new DlthubError(code, 'message').exitCode).toBe(expected);
  });

  it('an error from another copy of the module (same shape) maps the same way; an unknown code is a failure', () => {
    const foreign = Object.assign(new Error('bad name'), {
      name: 'DlthubError',
      code: 'InvalidProfileName',
      exitCode: 1,
    });
    expect(isDlthubError(foreign)).toBe(true);
    expect(exitCodeFor(foreign)).toBe(2);
    expect(exitCodeFor({ code: 'SomethingNewer' })).toBe(1);
  });
});
