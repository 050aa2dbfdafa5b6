/**
 * The two TOML operations the scaffolders need, over config-core's line-preserving editor:
 * "is this key there?" and "add this key, touching nothing else". Scaffolders never change an
 * existing value, so adding is all they ever write.
 */
import { formatTomlValue, hasTomlKey, setTomlValue } from '@dlthub/config-core';

export type TomlScalar = string | number | boolean;

export function hasTomlPath(text: string, keyPath: readonly string[], file: string): boolean {
  return hasTomlKey(text, keyPath, { file });
}

/** A value no real config holds, swapped for the real one after the edit so the comment lands on the new line. */
const SENTINEL = 'dlthub-placeholder-5b1e0c7d';

/**
 * Adds `keyPath = value` when missing (else returns `text` unchanged). `comment` becomes an inline
 * comment on the new line (dlt's `# fill this in!`), unless the key landed inside an inline table.
 */
export function addTomlKey(
  text: string,
  keyPath: readonly string[],
  value: TomlScalar,
  file: string,
  comment?: string,
): string {
  if (hasTomlPath(text, keyPath, file)) return text;
  if (comment === undefined) return setTomlValue(text, keyPath, value, { file });
  const marked = setTomlValue(text, keyPath, SENTINEL, { file });
  const formatted = formatTomlValue(value);
  return marked.replace(new RegExp(`"${SENTINEL}"([^\\r\\n]*)`), (_match, rest: string) =>
    rest.trim() === '' ? `${formatted}  # ${comment}${rest}` : `${formatted}${rest}`,
  );
}
