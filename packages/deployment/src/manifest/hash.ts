/**
 * Manifest hashes (reference §3): base64(SHA3-256) of the JSON with sorted keys, without the
 * fields that change on every generation (`created_at`, `version`, `version_hash`,
 * `previous_hashes`). The JSON text follows Python's `json.dumps(sort_keys=True)` layout.
 */
import { sha3Base64 } from '../package/digest';
import type { DeploymentManifest, JobDefinition } from './types';

const VOLATILE = new Set(['created_at', 'version', 'version_hash', 'previous_hashes']);

function pythonString(text: string): string {
  // ensure_ascii: every non-ASCII code unit as \uXXXX, like Python's default.
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `json.dumps(value, sort_keys=True)` for JSON data. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}

export function manifestHash(manifest: DeploymentManifest): string {
  const stable = Object.fromEntries(Object.entries(manifest).filter(([key]) => !VOLATILE.has(key)));
  return sha3Base64(pythonJsonDumps(stable));
}

export function jobDefinitionHash(job: JobDefinition): string {
  return sha3Base64(pythonJsonDumps(job));
}
