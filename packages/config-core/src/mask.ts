/** Masking secrets for output: never print a secret or token in full. */

const SHORT_SECRET = 8;

/** `****` plus up to the last 4 characters for long values; short values are fully masked. */
export function maskSecret(value: unknown): string {
  const text = secretText(value);
  if (text.length === 0) return '****';
  if (text.length <= SHORT_SECRET) return '****';
  const visible = text.length >= 20 ? 4 : text.length >= 12 ? 3 : 2;
  return `****${text.slice(-visible)}`;
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
