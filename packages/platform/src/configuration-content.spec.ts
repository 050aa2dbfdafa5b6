import * as path from 'node:path';
import { createRegistry, defineProfile, definePlugin, openWorkspace, type Registry } from '@dlthub/config-core';
import { tempRoot } from './__fixtures__/temp-root';
import { collectConfiguration, syncedProfilesOf } from './configuration-content';

const profile = (name: string, scope: 'local' | 'synced') =>
  defineProfile({ name, scope, description: `${name} profile`, usedBy: 'tests' });

/** dlt's four profiles, plus `staging`, a synced profile that a third-party plugin registers. */
function registryWithStaging(): Registry {
  return createRegistry([
    definePlugin({
      name: 'builtin-profiles',
      profiles: [
        profile('dev', 'local'),
        profile('tests', 'local'),
        profile('prod', 'synced'),
        profile('access', 'synced'),
      ],
    }),
    definePlugin({ name: 'acme-profiles', profiles: [profile('staging', 'synced')] }),
  ]);
}

describe('collectConfiguration', () => {
  const { dir, write } = tempRoot('dlthub-platform-sync-');
  const env = { PATH: process.env.PATH ?? '' };
  const workspace = () => openWorkspace({ cwd: dir(), env, globalDir: path.join(dir(), 'global') });

  beforeEach(() => {
    write('.dlt/.workspace', '');
    write('.dlt/config.toml', '[runtime]\nworkspace_id = "w1"\n');
    write('.dlt/dev.config.toml', '[x]\ny = 1\n');
    write('.dlt/prod.config.toml', '[x]\ny = 2\n');
    write('.dlt/staging.config.toml', '[x]\ny = 3\n');
    write('.dlt/staging.secrets.toml', '[runtime]\napi_key = "dlt_local_only"\n[sources.crm]\ntoken = "t"\n');
    write('.dlt/analytics.secrets.toml', '[sources.crm]\napi_secret = "s"\n');
    write('.dlt/qa.config.toml', '[x]\ny = 4\n');
    write('jobs/report.py', '@job(require={"profile": "analytics"})\ndef report():\n    pass\n');
  });

  it('syncs the profiles the registry declares synced, a plugin-registered one included', () => {
    const registry = registryWithStaging();
    expect(syncedProfilesOf(registry)).toEqual(['prod', 'access', 'staging']);

    const collected = collectConfiguration(workspace(), syncedProfilesOf(registry), env);
    expect(collected.profiles).toEqual(['prod', 'staging', 'analytics']);
    expect(collected.content.profiles.staging).toEqual({
      config: '[x]\ny = 3\n',
      // The CLI's own key is removed; the table header it leaves is harmless.
      secrets: '[runtime]\n[sources.crm]\ntoken = "t"\n',
    });
    expect(JSON.stringify(collected.content)).not.toContain('dlt_local_only');
    expect(collected.files.filter((file) => file.profile === 'staging')).toEqual([
      { path: '.dlt/staging.config.toml', scope: 'profile', profile: 'staging' },
      {
        path: '.dlt/staging.secrets.toml',
        scope: 'profile',
        profile: 'staging',
        note: 'runtime.api_key left out',
      },
    ]);
    expect(collected.files.find((file) => file.profile === 'analytics')?.note).toBe('referenced by jobs/report.py:1');
    expect(collected.notSynced).toEqual([
      { path: '.dlt/dev.config.toml', reason: 'profile dev is local' },
      { path: '.dlt/qa.config.toml', reason: 'profile qa is not referenced by any job' },
    ]);
  });

  it('leaves an unregistered custom profile local unless a job decorator requires it', () => {
    const builtinOnly = createRegistry([
      definePlugin({ name: 'builtin-profiles', profiles: [profile('dev', 'local'), profile('prod', 'synced')] }),
    ]);
    const collected = collectConfiguration(workspace(), syncedProfilesOf(builtinOnly), env);
    expect(collected.profiles).toEqual(['prod', 'analytics']);
    expect(collected.notSynced.map((entry) => entry.path)).toContain('.dlt/staging.secrets.toml');
  });

  it('refuses a decorator profile name the control plane would not accept, naming file and line', () => {
    write('jobs/bad.py', '\n@job(require={"profile": "eu.staging"})\ndef bad():\n    pass\n');
    expect(() => collectConfiguration(workspace(), ['prod'], env)).toThrow(
      expect.objectContaining({
        code: 'InvalidProfileName',
        message: 'jobs/bad.py:2 requires profile "eu.staging", which is not a valid profile name for syncing.',
        location: { file: 'jobs/bad.py', line: 2 },
      }),
    );
  });
});
