/**
 * `dlthub auth status`: who you are on the control plane and which credential is used, masked:
 * RUNTIME__API_KEY > `[runtime] api_key` in secrets > the login token (DESIGN auth). Exit 1 when
 * there is none or the server refuses it.
 */
import { DlthubError } from '@dlthub/config-core';
import { maskSecret } from '@dlthub/config-core/mask';
import { describeCredential, notLoggedIn, openSession } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

export async function run(context: Context): Promise<void> {
  const session = openSession(platformHost(context));
  const { credentials } = session;
  if (credentials.kind === 'none') throw notLoggedIn();
  const client = session.client();
  try {
    const me = await client.me();
    const summary = {
      logged_in: true,
      api_base_url: session.apiBaseUrl,
      user: me.user,
      organizations: me.organizations.map((org) => ({ id: org.id, name: org.name, role: org.role })),
      credential: { kind: credentials.kind, source: credentials.source, value: maskSecret(credentials.token) },
    };
    context.out.result(summary, () => [
      `Logged in to ${session.apiBaseUrl} as ${me.user.username}${me.user.email ? ` (${me.user.email})` : ''}`,
      `Credential: ${describeCredential(credentials, maskSecret)}`,
      `Organizations: ${me.organizations.map((org) => `${org.name} (${org.role})`).join(', ') || 'none'}`,
    ]);
  } catch (error) {
    if (error instanceof DlthubError && error.code === 'Auth') {
      context.out.info(`Credential: ${describeCredential(credentials, maskSecret)}`);
    }
    throw error;
  } finally {
    await client.close();
  }
}
