/** The secret rule (dlt §3.5): a secret-typed value found in a provider that may not hold secrets is an error. */
import { DlthubError } from './errors';
import type { ProviderName } from './types';

export function valueNotSecretError(
  provider: ProviderName,
  keyPath: string,
  file: string | null,
  line: number | null,
  envName: string,
): DlthubError {
  const where = file ? ` (${file}${line ? `:${line}` : ''})` : '';
  const secretsFile = file ? file.replace(/config\.toml$/, 'secrets.toml') : '.dlt/secrets.toml';
  return new DlthubError(
    'ValueNotSecret',
    `Provider \`${provider}\` cannot hold secret values but key \`${keyPath}\` with secret value is present${where}.`,
    {
      hint: `Move \`${keyPath}\` to ${secretsFile} or set the environment variable ${envName}.`,
      keyPath,
      provider,
      location: file ? { file, line: line ?? undefined } : undefined,
    },
  );
}
