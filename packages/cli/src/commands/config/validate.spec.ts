/** `dlthub config validate` over several profiles, through the built binary in a temp workspace. */
import type { Sandbox } from '../../../test/helpers';
import { sandbox, writeWorkspace } from '../../../test/helpers';

describe('dlthub config validate: several profiles', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
      '.dlt/prod.config.toml': '[destination.warehouse]\ndestination_type = "oracle"\n',
      '.dlt/access.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
      '.dlt/staging.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
    });
  });
  afterEach(() => box.cleanup());

  it('--profile a --profile b validates each and fails naming the broken one', () => {
    const result = box.run(['config', 'validate', '--profile', 'dev', '--profile', 'prod']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Profile dev: 1 destination\(s\)\n {2}ok {4}warehouse \(duckdb\)\nNo problems found\./,
    );
    expect(result.stdout).toMatch(/\n\nProfile prod: 1 destination\(s\)\n {2}error warehouse: .*oracle/);
    expect(result.stderr).toMatch(/^error: Validation found 1 problem\(s\) in profile prod\./);

    const json = JSON.parse(
      box.run(['--json', 'config', 'validate', '--profile', 'dev', '--profile', 'access']).stdout,
    );
    expect(json.ok).toBe(true);
    expect(json.profiles.map((report: { profile: string; ok: boolean }) => [report.profile, report.ok])).toEqual([
      ['dev', true],
      ['access', true],
    ]);
  });

  it('--synced validates what configuration sync uploads (prod, access), not dev or staging', () => {
    const result = box.run(['--json', 'config', 'validate', '--synced']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.profiles.map((report: { profile: string }) => report.profile)).toEqual(['prod', 'access']);
    box.write('.dlt/prod.config.toml', '[destination.warehouse]\ndestination_type = "duckdb"\n');
    const fixed = box.run(['config', 'validate', '--synced']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Profile prod:');
    expect(fixed.stdout).toContain('Profile access:');
    expect(fixed.stdout).not.toContain('Profile dev');
  });

  it('one --profile keeps the single-profile report', () => {
    const json = JSON.parse(box.run(['--json', 'config', 'validate', '--profile', 'access']).stdout);
    expect(json).toMatchObject({ profile: 'access', ok: true });
  });

  it('a bad profile name is a usage error', () => {
    const result = box.run(['config', 'validate', '--profile', 'dev', '--profile', '../x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid profile name "\.\.\/x" \(--profile\)/);
  });
});
