/** Deciding what is secret in output, and masking it with config-core's `maskSecret` unless --reveal. */
import { workspaceCore } from './core';

/**
 * Key names dlt types as secrets across its specs (§4, §5): passwords, tokens, keys, `dlthub_dsn`,
 * `slack_incoming_hook`, plus whole `credentials` values (a connection string is a secret).
 * Ids (`aws_access_key_id`, `private_key_id`) and `sentry_dsn` are not secrets in dlt.
 */
const SECRET_KEY =
  /(password|passphrase|secret|token|api_key|private_key|access_key|account_key|license|dlthub_dsn|incoming_hook|credentials)$/i;

export function looksSecret(keyPath: readonly string[]): boolean {
  return keyPath.some((part) => SECRET_KEY.test(part));
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
  return workspaceCore().maskSecret(value);
}

/** Masks leaves whose path looks secret (for tables found in non-secret providers). */
export function maskSecretLeaves(value: unknown, keyPath: readonly string[]): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [
        key,
        maskSecretLeaves(child, [...keyPath, key]),
      ]),
    );
  }
  return looksSecret(keyPath) ? maskValue(value) : value;
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
