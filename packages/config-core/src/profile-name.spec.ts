import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MACHINE_ONLY_PROFILES,
  isMachineOnlyProfile,
  PROFILE_NAME_MAX_LENGTH,
  assertProfileName,
  isProfileName,
  profileFileName,
  profileOfFileName,
} from './profile-name';
import { createRegistry, definePlugin, defineProfile } from './registry';
import { chooseProfile, pinProfile } from './profile';

describe('the profile-name rule', () => {
  it.each([
    ['dev', true],
    ['prod', true],
    ['staging-eu', true],
    ['Staging_EU', true],
    ['_staging', true],
    ['2024', true],
    ['a'.repeat(PROFILE_NAME_MAX_LENGTH), true],
    ['a'.repeat(PROFILE_NAME_MAX_LENGTH + 1), false],
    ['', false],
    ['-x', false],
    ['a.b', false],
    ['..', false],
    ['../x', false],
    ['a/b', false],
    ['a\\b', false],
    ['a b', false],
    ['prod\n', false],
  ])('%j is a profile name: %s', (name, expected) => {
    expect(isProfileName(name)).toBe(expected);
  });

  it('every entry point applies it: the flag, WORKSPACE__PROFILE, the pin, pinning and defineProfile', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-name-'));
    try {
      fs.mkdirSync(path.join(root, '.dlt'));
      for (const name of ['_staging', '-x', 'a.b']) {
        const expected = isProfileName(name);
        const accepts = (act: () => unknown): boolean => {
          try {
            act();
            return true;
          } catch (error) {
            expect(error).toMatchObject({ code: 'InvalidProfileName' });
            return false;
          }
        };
        expect(accepts(() => chooseProfile({ explicit: name, env: {}, rootDir: root }))).toBe(expected);
        expect(accepts(() => chooseProfile({ env: { WORKSPACE__PROFILE: name }, rootDir: root }))).toBe(expected);
        fs.writeFileSync(path.join(root, '.dlt', 'profile-name'), `${name}\n`);
        expect(accepts(() => chooseProfile({ env: {}, rootDir: root }))).toBe(expected);
        expect(accepts(() => pinProfile(root, name))).toBe(expected);
        const definesProfile = (() => {
          try {
            createRegistry([
              definePlugin({
                name: 'p',
                profiles: [defineProfile({ name, scope: 'synced', description: 'd', usedBy: 'u' })],
              }),
            ]);
            return true;
          } catch {
            return false;
          }
        })();
        expect(definesProfile).toBe(expected);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an invalid name says where it came from and what the rule is', () => {
    expect(() => assertProfileName('a/b', 'profile use')).toThrow(
      expect.objectContaining({
        code: 'InvalidProfileName',
        message: 'Invalid profile name "a/b" (profile use).',
        hint: expect.stringContaining('letters, digits, "_" or "-", not starting with "-"'),
      }),
    );
    expect(assertProfileName('_staging', 'profile use')).toBe('_staging');
  });
});

describe('profile file names', () => {
  it('round-trips <profile>.config.toml and <profile>.secrets.toml', () => {
    expect(profileFileName('prod', 'secrets')).toBe('prod.secrets.toml');
    expect(profileOfFileName('prod.secrets.toml')).toEqual({ profile: 'prod', family: 'secrets' });
    expect(profileOfFileName(profileFileName('_staging', 'config'))).toEqual({ profile: '_staging', family: 'config' });
  });

  it.each(['config.toml', 'secrets.toml', 'a.b.config.toml', '-x.config.toml', 'prod.config.toml.bak', 'prod.toml'])(
    '%s is not a profile file',
    (name) => {
      expect(profileOfFileName(name)).toBeNull();
    },
  );
});

describe('machine-only profiles', () => {
  it('are dlt’s dev and tests, whatever scope a plugin declares for its own profiles', () => {
    expect(MACHINE_ONLY_PROFILES).toEqual(['dev', 'tests']);
    expect(['dev', 'tests', 'prod', 'access', 'dev-eu', 'tests_ci'].filter(isMachineOnlyProfile)).toEqual([
      'dev',
      'tests',
    ]);
  });
});
