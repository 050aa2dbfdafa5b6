import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('dlthub profile', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/prod.config.toml': '# prod only\n[runtime]\nlog_level = "ERROR"\n',
      '.dlt/staging.config.toml': '',
    });
  });
  afterEach(() => box.cleanup());

  it('profile (= info) shows the active profile, its source, dirs and files', () => {
    const result = box.run(['profile']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Current profile: dev (from default)');
    expect(result.stdout).toContain(`Pipelines and other working data: ${box.dir}/.dlt/state/dev`);
    expect(result.stdout).toContain('.dlt/dev.config.toml (not found)');
    const json = JSON.parse(box.run(['--json', 'profile', 'info']).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      profile: 'dev',
      source: 'default',
      pinned: null,
      scope: 'local',
      localDir: `${box.dir}/.dlt/data/dev`,
    });
  });

  it('profile list marks current, pinned and configured, with descriptions', () => {
    const result = box.run(['profile', 'list'], { env: { WORKSPACE__PROFILE: 'prod' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Profile `prod` is active.\n');
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'Available profiles:',
        '* dev - dev profile, workspace default',
        '* prod (current) (configured) - production profile, assumed by pipelines deployed in Runtime',
        '* staging (configured) - custom profile',
      ]),
    );
  });

  it('profile use pins (changing only .dlt/profile-name), the notice follows, unpin removes it', () => {
    const before = box.snapshot();
    const use = box.run(['profile', 'use', 'prod']);
    expect(use.code).toBe(0);
    expect(use.stdout).toBe('');
    expect(use.stderr).toContain('Pinned profile `prod`');
    expect(box.read('.dlt/profile-name')).toBe('prod');
    const after = box.snapshot();
    delete after['.dlt/profile-name'];
    expect(after).toEqual(before);

    const get = box.run(['config', 'get', 'runtime.log_level']);
    expect(get).toEqual({ code: 0, stdout: 'ERROR\n', stderr: 'Profile `prod` is active.\n' });
    expect(box.run(['profile', 'list']).stdout).toContain('* prod (current) (pinned) (configured)');

    const unpin = box.run(['profile', 'unpin']);
    expect(unpin.code).toBe(0);
    expect(box.exists('.dlt/profile-name')).toBe(false);
    expect(box.snapshot()).toEqual(before);
    expect(box.run(['profile', 'unpin']).stderr).toBe('No pinned profile.\n');
  });

  it('--profile wins over the pin', () => {
    box.run(['profile', 'use', 'prod']);
    const result = box.run(['--profile', 'dev', 'config', 'get', 'runtime.log_level']);
    expect(result).toEqual({ code: 0, stdout: 'WARNING\n', stderr: '' });
  });
});
