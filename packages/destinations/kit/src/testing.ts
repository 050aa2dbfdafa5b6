/**
 * `@dlthub/destination-kit/testing`: what destination plugins' specs share (temp workspaces, secret-rule
 * checks). Built like the main entry, which holds no test code; the `it`/`beforeEach` helpers need Jest.
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { createRegistry, type CredentialsVariant, type DlthubPlugin } from '@dlthub/config-core';
import {
  captureDlthubError,
  createTempWorkspace,
  secretPlacements,
  tomlTable,
  type TempWorkspace,
} from './workspace-fixture';

export * from './workspace-fixture';

/** A fresh temp workspace (with `files`) for every test of the calling spec file; call the result inside a test. */
export function useDestinationWorkspace(
  plugin: DlthubPlugin,
  files: Readonly<Record<string, string>> = {},
): () => TempWorkspace {
  const registry = createRegistry([plugin]);
  let current: TempWorkspace | undefined;
  beforeEach(() => {
    current = createTempWorkspace(registry, files);
  });
  afterEach(() => current?.remove());
  return () => {
    if (!current) throw new Error('useDestinationWorkspace: the workspace exists only inside a test');
    return current;
  };
}

/**
 * dlt's secret rule for every secret field of `variants`: put in config.toml (with a non-secret field
 * of the same variant in secrets.toml, so the refusal comes from the field, not from dlt's whole-table
 * rule), resolving fails with ValueNotSecret naming the key and the file, and never echoes the value.
 * A later member of a union is reached only when completeness is required (with partial results dlt
 * resolves the first member alone), so those are resolved with `requireComplete`.
 */
export function itRefusesSecretsInConfig(options: {
  workspace: () => TempWorkspace;
  /** Named destination, e.g. `warehouse`. */
  name: string;
  /** config.toml text declaring the destination (type, bucket_url, …); the secret is appended to it. */
  configToml: string;
  variants: readonly CredentialsVariant[];
}): void {
  const credentials = `destination.${options.name}.credentials`;
  it.each(secretPlacements(options.variants))(
    'refuses $variant secret $field in config.toml',
    ({ variant, field, anchor }) => {
      const ws = options.workspace();
      ws.write('.dlt/secrets.toml', tomlTable(credentials, { [anchor]: 'anchor' }));
      ws.write('.dlt/config.toml', options.configToml + tomlTable(credentials, { [field]: 'leaked-secret-value' }));
      const requireComplete = options.variants.findIndex((member) => member.name === variant) > 0;
      const error = captureDlthubError(() => ws.open().resolveDestination(options.name, { requireComplete }));
      expect(error.code).toBe('ValueNotSecret');
      expect(error.keyPath).toBe(`${credentials}.${field}`);
      expect(error.location?.file).toBe('.dlt/config.toml');
      expect(error.message).not.toContain('leaked-secret-value');
    },
  );
}

export * from './contract';
