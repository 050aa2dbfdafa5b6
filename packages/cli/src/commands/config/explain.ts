/** `dlthub config explain <key> --sections a.b.c`: every (provider, key) dlt tries for a field, in order (§3.2). */
import type { Context } from '../../context';
import { formatValue, isSecretLeaf, maskValue, plainFieldsOf } from '../../secrets-mask';

export function run(context: Context, [key = '']: string[], options: Record<string, unknown>): void {
  const workspace = context.workspace();
  const sections = String(options.sections ?? '')
    .split('.')
    .filter((part) => part !== '');
  const secret = Boolean(options.secret);
  const resolved = workspace.resolveField({ sections, key, secret });
  const masked =
    !options.reveal &&
    (secret || isSecretLeaf([...sections, key], resolved.provider === 'secrets.toml', plainFieldsOf(context.registry)));
  const value = resolved.found && masked ? maskValue(resolved.value) : resolved.value;
  // Attempts may expose their fields as getters (config-core builds them lazily): copy them by name.
  const attempts = resolved.tried.map((attempt, index) => ({
    provider: attempt.provider,
    key: attempt.key,
    nativeKey: attempt.nativeKey,
    found: attempt.found,
    winner: resolved.found && index === resolved.tried.length - 1 && attempt.found,
  }));
  const { out } = context;
  out.result(
    {
      key,
      sections,
      secret,
      found: resolved.found,
      value,
      masked: resolved.found && masked,
      provider: resolved.provider,
      file: resolved.file,
      line: resolved.line,
      tried: attempts,
    },
    () => {
      const width = Math.max(0, ...attempts.map((attempt) => attempt.provider.length));
      return [
        `Looking up \`${key}\`${sections.length ? ` in sections ${sections.join('.')}` : ''}${secret ? ' (secret)' : ''}:`,
        ...attempts.map((attempt) => {
          const mark = attempt.winner ? out.style('green', '→') : ' ';
          const status = attempt.winner ? out.style('green', 'found') : out.style('dim', 'not found');
          return `${mark} ${attempt.provider.padEnd(width)}  ${attempt.nativeKey}  ${status}`;
        }),
        resolved.found
          ? `Value: ${formatValue(value)}  (${resolved.provider}${resolved.file ? `, ${resolved.file}${resolved.line ? `:${resolved.line}` : ''}` : ''})`
          : 'No provider has a value for this field.',
      ];
    },
  );
}
