/**
 * Effective runtime settings (reference §5): each key is read at `workspace.runtime.<key>` then
 * `runtime.<key>` (env `RUNTIME__<KEY>`), provider outer; typed keys are coerced; unset keys get
 * dlt's defaults, except `api_base_url`, which follows the product page (`https://api.dlthub.com`).
 */
import { coerceToKind, type FieldKind } from './coerce';
import { DlthubError } from './errors';
import type { ConfigProvider } from './providers/provider';
import { resolveAtPaths, withValue } from './resolve';
import { isTomlTable } from './toml-merge';
import type { Resolved, WorkspaceRuntimeSettings } from './types';

interface RuntimeField {
  kind: FieldKind;
  default?: unknown;
  secret?: boolean;
}

const text: FieldKind = { type: 'string' };
const int: FieldKind = { type: 'int' };
const float: FieldKind = { type: 'float' };
const bool: FieldKind = { type: 'boolean' };

export const DEFAULT_API_BASE_URL = 'https://api.dlthub.com';
export const LOG_LEVELS = ['CRITICAL', 'FATAL', 'ERROR', 'WARN', 'WARNING', 'INFO', 'DEBUG', 'NOTSET'] as const;

export const RUNTIME_FIELDS: Readonly<Record<string, RuntimeField>> = {
  pipeline_name: { kind: text },
  sentry_dsn: { kind: text },
  slack_incoming_hook: { kind: text, secret: true },
  dlthub_telemetry: { kind: bool, default: true },
  dlthub_telemetry_endpoint: { kind: text, default: 'https://telemetry.scalevector.ai' },
  dlthub_telemetry_segment_write_key: { kind: text },
  log_format: {
    kind: text,
    default: '{asctime}|[{levelname}]|{process}|{thread}|{name}|{filename}|{funcName}:{lineno}|{message}',
  },
  log_level: { kind: text, default: 'WARNING' },
  request_timeout: { kind: float, default: 60 },
  request_max_attempts: { kind: int, default: 5 },
  request_backoff_factor: { kind: float, default: 1 },
  request_max_retry_delay: { kind: float, default: 300 },
  config_files_storage_path: { kind: text, default: '/run/config/' },
  dlthub_dsn: { kind: text, secret: true },
  run_id: { kind: text },
  http_show_error_body: { kind: bool, default: false },
  http_max_error_body_length: { kind: int, default: 8192 },
  workspace_id: { kind: text },
  organization_id: { kind: text },
  api_key: { kind: text, secret: true },
  auth_token: { kind: text, secret: true },
  api_base_url: { kind: text, default: DEFAULT_API_BASE_URL },
  ai_context_api_url: { kind: text, default: 'https://scaffold.apps.dlthub.com' },
  invite_code: { kind: text },
};

/** Lookup paths of one runtime key: workspace-scoped section first in workspace mode. */
export function runtimeKeyPaths(key: string, workspaceMode: boolean): string[][] {
  return workspaceMode
    ? [
        ['workspace', 'runtime', key],
        ['runtime', key],
      ]
    : [['runtime', key]];
}

function configuredRuntimeKeys(providers: readonly ConfigProvider[]): string[] {
  const keys = new Set<string>();
  for (const provider of providers) {
    for (const section of [['runtime'], ['workspace', 'runtime']]) {
      const hit = provider.get(section);
      if (hit && isTomlTable(hit.value)) Object.keys(hit.value).forEach((key) => keys.add(key));
    }
  }
  return [...keys];
}

export function resolveRuntimeKey(providers: readonly ConfigProvider[], key: string, workspaceMode: boolean): Resolved {
  const field = RUNTIME_FIELDS[key] ?? { kind: { type: 'unknown' } };
  const resolved = resolveAtPaths(providers, runtimeKeyPaths(key, workspaceMode), { secret: field.secret });
  if (!resolved.found) {
    return field.default === undefined ? resolved : withValue(resolved, field.default, 'default');
  }
  const coerced = coerceToKind(field.kind, resolved.value);
  if (!coerced.ok) {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `runtime setting \`${resolved.matchedKey}\` from ${resolved.provider}${resolved.file ? ` (${resolved.file})` : ''}: ${coerced.reason}.`,
      {
        keyPath: resolved.matchedKey ?? undefined,
        provider: resolved.provider ?? undefined,
        location: resolved.file ? { file: resolved.file, line: resolved.line ?? undefined } : undefined,
      },
    );
  }
  if (key === 'log_level' && !(LOG_LEVELS as readonly unknown[]).includes(coerced.value)) {
    // dlt fails context activation on an unknown (or lower-case, or empty) level.
    throw new DlthubError(
      'InvalidConfigValue',
      `runtime setting \`log_level\` = ${JSON.stringify(coerced.value)} is not a log level.`,
      {
        hint: `Use one of ${LOG_LEVELS.join(', ')} (upper case).`,
        keyPath: resolved.matchedKey ?? undefined,
        provider: resolved.provider ?? undefined,
        location: resolved.file ? { file: resolved.file, line: resolved.line ?? undefined } : undefined,
      },
    );
  }
  return withValue(resolved, coerced.value);
}

export function resolveRuntime(providers: readonly ConfigProvider[], workspaceMode: boolean): WorkspaceRuntimeSettings {
  const settings: WorkspaceRuntimeSettings = {};
  const keys = new Set([...Object.keys(RUNTIME_FIELDS), ...configuredRuntimeKeys(providers)]);
  for (const key of keys) settings[key] = resolveRuntimeKey(providers, key, workspaceMode);
  return settings;
}
