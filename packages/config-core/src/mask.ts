/**
 * The one masking rule for output: a secret is never printed. `maskSecret` shows `****` and, for a
 * secret of 16 characters or more, its last 4 (enough to tell two keys apart, too few to guess from);
 * anything shorter is fully masked. Every package that prints a secret-derived value uses this module
 * (entry `@dlthub/config-core/mask`, light enough for the CLI's start-up paths).
 */

/** What stands in for a secret (or the hidden part of one). */
export const MASK = '****';

/** Secrets shorter than this show no characters at all. */
export const SHOW_TAIL_FROM = 16;

/** How many trailing characters of a long secret are shown. */
const TAIL = 4;

/** `****`, plus the last 4 characters when the secret has 16 or more. */
export function maskSecret(value: unknown): string {
  const text = secretText(value);
  return text.length >= SHOW_TAIL_FROM ? `${MASK}${text.slice(-TAIL)}` : MASK;
}

/** The text of a secret value as it would be printed: scalars as written, tables and arrays as JSON. */
export function secretText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every occurrence of each secret in `text` with its masked form (longest first). */
export function maskSecretsIn(text: string, secrets: readonly unknown[]): string {
  const values = [...new Set(secrets.map(secretText))]
    .filter((secret) => secret.length >= 3)
    .sort((left, right) => right.length - left.length);
  if (values.length === 0) return text;
  const pattern = new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return text.replace(pattern, (match) => maskSecret(match));
}
