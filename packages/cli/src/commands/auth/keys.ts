/**
 * `dlthub auth keys list|create <name>|revoke <id>`: the caller's API keys on the control plane.
 * `create` prints the key once, on stdout (it is data; messages stay on stderr); the server never
 * shows it again and never lets it outlive the credential that created it.
 */
import { DlthubError } from '@dlthub/config-core';
import { notLoggedIn, openSession } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

const actions = ['list', 'create', 'revoke'] as const;

export async function run(context: Context, args: string[], options: Record<string, unknown>): Promise<void> {
  const [action = 'list', target] = args;
  if (!(actions as readonly string[]).includes(action)) {
    throw new DlthubError('Usage', `Unknown action "${action}"; use one of: ${actions.join(', ')}.`);
  }
  const requireTarget = (): string => {
    if (target) return target;
    throw new DlthubError(
      'Usage',
      `\`dlthub auth keys ${action}\` needs ${action === 'create' ? 'a name' : 'a key id'}.`,
    );
  };
  if (action !== 'list') requireTarget();
  const session = openSession(platformHost(context));
  if (session.credentials.kind === 'none') throw notLoggedIn();
  const client = session.client();
  try {
    if (action === 'list') {
      const keys = (await client.listApiKeys({ limit: 200 })).items;
      context.out.result({ api_keys: keys }, () =>
        keys.length === 0
          ? ['No API keys.']
          : keys.map((k) => `${k.id}  ${k.name}  ${k.key_prefix}…  expires ${k.expires_at}`),
      );
    } else if (action === 'create') {
      const days = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
      if (days !== undefined && !Number.isInteger(days)) {
        throw new DlthubError(
          'Usage',
          `--expires-in-days must be a whole number, got "${String(options.expiresInDays)}".`,
        );
      }
      const created = await client.createApiKey({
        name: requireTarget(),
        ...(days === undefined ? {} : { expires_in_days: days }),
      });
      context.out.result(created, () => [created.key]);
      context.out.info(
        `Created API key "${created.name}" (${created.id}), expires ${created.expires_at}. It is shown only this once.`,
      );
    } else {
      await client.deleteApiKey(requireTarget());
      context.out.result({ revoked: target }, () => []);
      context.out.info(`Revoked API key ${target}.`);
    }
  } finally {
    await client.close();
  }
}
