/**
 * Deciding what is secret in output, and masking it unless --reveal. Secret-ness, not the file a value
 * came from, decides: a field the destination plugins declare as secret, a secret-like key name, or any
 * key of a secrets file that no plugin declares as a plain field. Known non-secret fields (`host`,
 * `database`, …) are shown even from a secrets file, so users can debug them.
 */
import type { Registry } from '@dlthub/config-core';
import { maskSecret } from '@dlthub/config-core/mask';

/**
 * Key names dlt types as secrets across its specs (§4, §5): passwords, tokens, keys, `dlthub_dsn`,
 * `slack_incoming_hook`, plus a whole `credentials` value (a connection string is a secret).
 * Ids (`aws_access_key_id`, `private_key_id`) and `sentry_dsn` are not secrets in dlt.
 */
const SECRET_KEY =
  /(password|passphrase|secret|token|api_key|private_key|access_key|account_key|license|dlthub_dsn|incoming_hook|credentials)$/i;

/** Whether the leaf key of `keyPath` names a secret (`credentials.host` does not; `credentials` itself does). */
export function looksSecret(keyPath: readonly string[]): boolean {
  const leaf = keyPath[keyPath.length - 1];
  return leaf !== undefined && SECRET_KEY.test(leaf);
}

/** Masks every leaf of a value (tables recursively). */
export function maskValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, maskValue(child)]),
    );
  }
  if (Array.isArray(value)) return value.map(maskValue);
  // dlt's placeholder is not a secret, and seeing it tells the user what is left to fill in.
  if (value === '<configure me>') return value;
  return maskSecret(value);
}

/** Runtime keys that are ids or settings, not secrets, wherever they sit. */
const PLAIN_RUNTIME_KEYS = new Set(['workspace_id', 'organization_id', 'api_base_url', 'log_level']);

/**
 * Field names the registered destination plugins declare and never as secret: the known non-secret
 * fields of `[destination.<name>]` and `[destination.<name>.credentials]`.
 */
export function knownPlainFields(registry: Registry): Set<string> {
  const plain = new Set<string>();
  const secret = new Set<string>();
  for (const type of registry.destinationTypes()) {
    const definition = registry.getDestination(type);
    if (!definition) continue;
    for (const key of Object.keys(definition.configSchema.shape)) plain.add(key);
    for (const variant of definition.credentialsSchemas) {
      for (const key of Object.keys(variant.schema.shape)) plain.add(key);
      for (const key of variant.secretFields) secret.add(key);
    }
  }
  for (const key of secret) plain.delete(key);
  return plain;
}

/**
 * Whether a leaf is secret: a secret-like name always; from a secrets file, unless it is a known plain
 * field (`destination.<name>[.credentials].<field>` of a plugin, or a runtime id/setting).
 */
export function isSecretLeaf(keyPath: readonly string[], fromSecretsFile: boolean, plain: () => Set<string>): boolean {
  if (looksSecret(keyPath)) return true;
  if (!fromSecretsFile) return false;
  const leaf = keyPath[keyPath.length - 1] ?? '';
  const parent = keyPath[keyPath.length - 2];
  if (PLAIN_RUNTIME_KEYS.has(leaf) && (parent === 'runtime' || parent === undefined)) return false;
  const underDestination = keyPath[0] === 'destination' && keyPath.length >= 3 && keyPath.length <= 4;
  const shapeOk = keyPath.length === 3 || keyPath[2] === 'credentials';
  return !(underDestination && shapeOk && plain().has(leaf));
}

/** The known plain fields of the CLI's registry, built on first use (only when a secrets file is involved). */
export function plainFieldsOf(registry: () => Registry): () => Set<string> {
  let plain: Set<string> | undefined;
  return () => (plain ??= knownPlainFields(registry()));
}

const NO_PLAIN = () => new Set<string>();

/** Masks the secret leaves of a value (tables recursively), by `isSecretLeaf`. */
export function maskSecretLeaves(
  value: unknown,
  keyPath: readonly string[],
  fromSecretsFile = false,
  plain: () => Set<string> = NO_PLAIN,
): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [
        key,
        maskSecretLeaves(child, [...keyPath, key], fromSecretsFile, plain),
      ]),
    );
  }
  return isSecretLeaf(keyPath, fromSecretsFile, plain) ? maskValue(value) : value;
}

/** A value as it is printed in text mode: strings bare, everything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value as TOML shows it (for `config show`). */
export function tomlLiteral(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
