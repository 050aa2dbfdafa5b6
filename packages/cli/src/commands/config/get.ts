/**
 * `dlthub config get <a.b.c> [--secret]`: dlt's accessor semantics, exact path only (§3.3):
 * `dlt.config[...]` asks every provider, `dlt.secrets[...]` (--secret) only secret-capable ones.
 */
import type { Context } from '../../context';
import { workspaceCore } from '../../core';
import { formatValue, maskSecretLeaves, maskValue, plainFieldsOf } from '../../secrets-mask';

export function run(context: Context, [dottedPath = '']: string[], options: Record<string, unknown>): void {
  const workspace = context.workspace();
  const secret = Boolean(options.secret);
  const resolved = secret ? workspace.getSecret(dottedPath) : workspace.get(dottedPath);
  if (!resolved.found) {
    const tried = resolved.tried.map((attempt) => `${attempt.provider}: ${attempt.nativeKey}`).join(', ');
    const { DlthubError } = workspaceCore();
    throw new DlthubError('ConfigFieldMissing', `No value at ${dottedPath}${tried ? ` (tried ${tried})` : ''}.`, {
      keyPath: dottedPath,
      hint: `Add it to .dlt/${secret ? 'secrets' : 'config'}.toml, or run \`dlthub config explain\` to see where dlt looks.`,
    });
  }
  const keyPath = dottedPath.split('.');
  const fromSecrets = resolved.provider === 'secrets.toml';
  // Values asked for as secrets are masked whole; otherwise each leaf by its secret-ness.
  const value = options.reveal
    ? resolved.value
    : secret
      ? maskValue(resolved.value)
      : maskSecretLeaves(resolved.value, keyPath, fromSecrets, plainFieldsOf(context.registry));
  const masked = JSON.stringify(value) !== JSON.stringify(resolved.value);
  const { out } = context;
  // The winner's line means scanning its file: worked out only when shown (--json, -v).
  const origin = { key: dottedPath, value, masked, provider: resolved.provider, file: resolved.file };
  out.result(out.json ? { ...origin, line: resolved.line } : origin, () => formatValue(value));
  if (out.verbose > 0)
    out.debug(
      `from ${resolved.provider}${resolved.file ? ` (${resolved.file}${resolved.line ? `:${resolved.line}` : ''})` : ''}`,
    );
}
