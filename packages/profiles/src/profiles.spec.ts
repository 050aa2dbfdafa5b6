import { createRegistry } from '@dlthub/config-core';
import { profilesPlugin } from './index';

describe('built-in profiles', () => {
  const registry = createRegistry([profilesPlugin]);

  it('registers dev, tests, prod and access with dev as the default', () => {
    expect(registry.profileNames()).toEqual(['dev', 'tests', 'prod', 'access']);
    expect(registry.defaultProfile()).toBe('dev');
  });

  it('keeps dev and tests local and syncs prod and access', () => {
    const scopes = Object.fromEntries(registry.profileNames().map((name) => [name, registry.getProfile(name)?.scope]));
    expect(scopes).toEqual({ dev: 'local', tests: 'local', prod: 'synced', access: 'synced' });
  });

  it("uses dlt's descriptions and lets access fall back to prod", () => {
    expect(registry.getProfile('dev')?.description).toBe('dev profile, workspace default');
    expect(registry.getProfile('tests')?.description).toBe('profile assumed when running tests');
    expect(registry.getProfile('prod')?.description).toBe(
      'production profile, assumed by pipelines deployed in Runtime',
    );
    expect(registry.getProfile('access')?.fallback).toBe('prod');
    expect(registry.getProfile('prod')?.fallback).toBeUndefined();
    for (const name of registry.profileNames()) expect(registry.getProfile(name)?.usedBy).toMatch(/\w/);
  });

  it('names the plugin that owns each profile', () => {
    expect(registry.ownerOf('profile', 'access')).toBe('@dlthub/profiles');
  });
});
