import {
  ConfigurationUploadRequestSchema,
  canonicalJson,
  configurationContentHash,
  type ConfigurationContent,
} from './configuration';

const content: ConfigurationContent = {
  profiles: {
    prod: { config: '[destination.warehouse]\ntype = "duckdb"\n', secrets: '' },
    access: { config: '', secrets: '' },
  },
  workspace: { config: '[runtime]\nlog_level = "INFO"\n', secrets: '' },
};

describe('configuration content hash', () => {
  it('does not depend on key order', () => {
    const reordered: ConfigurationContent = {
      workspace: { secrets: '', config: content.workspace.config },
      profiles: { access: content.profiles.access, prod: content.profiles.prod },
    };
    expect(configurationContentHash(reordered)).toBe(configurationContentHash(content));
  });

  it('changes when any text changes', () => {
    const changed = structuredClone(content);
    changed.profiles.prod.secrets = 'x = 1\n';
    expect(configurationContentHash(changed)).not.toBe(configurationContentHash(content));
    expect(configurationContentHash(content)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});

describe('configuration upload request', () => {
  it('refuses local profiles', () => {
    const result = ConfigurationUploadRequestSchema.safeParse({
      ...content,
      profiles: { dev: { config: '', secrets: '' } },
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('never synced');
  });

  it('accepts synced and custom profiles', () => {
    const result = ConfigurationUploadRequestSchema.safeParse({
      ...content,
      profiles: { ...content.profiles, analytics: { config: '', secrets: '' } },
    });
    expect(result.success).toBe(true);
  });
});
