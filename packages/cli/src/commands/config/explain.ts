/**
 * `dlthub config explain <key> --sections a.b.c`: every (provider, key) dlt tries for a field, in order (§3.2).
 * `--destination <name>`: the field of a named destination as its resolution gives it (credentials fields at
 * `destination.<name>.credentials.k` → `destination.credentials.k` → `credentials.k`; provider `default`
 * when nothing configures it).
 */
import type { Resolved, Workspace } from '@dlthub/config-core';
import { usageError, type Context } from '../../context';
import { workspaceCore } from '../../core';
import { formatValue, isSecretLeaf, maskValue, plainFieldsOf } from '../../secrets-mask';

function destinationField(
  workspace: Workspace,
  name: string,
  key: string,
): { resolved: Resolved; sections: string[]; secret: boolean } {
  const destination = workspace.resolveDestination(name);
  const credential = destination.credentials[key];
  if (credential) {
    return {
      resolved: credential,
      sections: ['destination', name, 'credentials'],
      secret: destination.secretFields.includes(key),
    };
  }
  const field = destination.config[key];
  if (field) {
    return { resolved: field, sections: ['destination', name], secret: false };
  }
  const fields = [...Object.keys(destination.config), ...Object.keys(destination.credentials)].sort();
  throw usageError(
    `Destination "${name}" (${destination.destinationType}) has no field "${key}".`,
    `Its fields: ${fields.join(', ')}.`,
  );
}

export function run(context: Context, [typedKey = '']: string[], options: Record<string, unknown>): void {
  let key = typedKey;
  const byDestination = typeof options.destination === 'string' && options.destination !== '';
  const workspace = byDestination ? context.requireWorkspace({ registry: true }) : context.workspace();
  let sections = (typeof options.sections === 'string' ? options.sections : '')
    .split('.')
    .filter((part) => part !== '');
  let secret = Boolean(options.secret);
  let resolved: Resolved;
  if (byDestination) {
    ({ resolved, sections, secret } = destinationField(workspace, String(options.destination), key));
  } else {
    // `config explain sources.shop.api_url` looks up what `config get sources.shop.api_url` reads, and its fallbacks.
    ({ sections, key } = workspaceCore().splitFieldKey(sections, key));
    resolved = workspace.resolveField({ sections, key, secret });
  }
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
          : resolved.provider === 'default'
            ? `Value: ${formatValue(value)}  (default: no provider has a value for this field)`
            : 'No provider has a value for this field.',
      ];
    },
  );
}
