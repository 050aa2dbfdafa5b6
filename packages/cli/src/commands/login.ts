/**
 * `dlthub login [--no-browser] [--no-wait] [--resume <device_code>]`: device-flow login, token stored
 * as `[runtime] auth_token` in the global secrets.toml. `login --with-api-key` reads a key from stdin
 * (never from argv), verifies it with `me` and stores it as `[runtime] api_key` in `.dlt/secrets.toml`.
 */
import { assertNoEnvApiKey } from '@dlthub/auth';
import { deviceLogin, openSession, resumeLogin, type LoginOutcome } from '@dlthub/platform';
import { usageError, type Context } from '../context';
import { platformHost } from '../platform-host';
import { loginWithApiKey } from './auth/api-key';

function report(context: Context, outcome: LoginOutcome, apiBaseUrl: string): void {
  if (outcome.status === 'pending') {
    context.out.result(
      {
        status: 'pending',
        user_code: outcome.userCode,
        verification_uri: outcome.verificationUri,
        resume_command: outcome.resumeCommand,
        api_base_url: apiBaseUrl,
      },
      () => [],
    );
    return;
  }
  context.out.result(
    { status: 'logged_in', user: outcome.user, credentials_file: outcome.storedIn, api_base_url: apiBaseUrl },
    () => [],
  );
  context.out.info(`Logged in as ${outcome.user.username}. Credentials stored in ${outcome.storedIn}.`);
}

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  if (options.withApiKey) {
    if (options.resume !== undefined) {
      throw usageError('--with-api-key and --resume cannot be combined.', 'Use one way to log in.');
    }
    await loginWithApiKey(context);
    return;
  }
  assertNoEnvApiKey(context.env, 'login');
  const host = platformHost(context);
  const session = openSession(host);
  if (session.credentials.kind === 'api_key') {
    context.out.warn(
      `An API key (${session.credentials.source}) takes precedence over a login token; commands will keep using it.`,
    );
  }
  const outcome =
    typeof options.resume === 'string'
      ? await resumeLogin(host, { session, deviceCode: options.resume, wait: options.wait !== false })
      : await deviceLogin(host, {
          session,
          browser: options.browser !== false,
          waitWithoutTty: options.wait !== false,
        });
  report(context, outcome, session.apiBaseUrl);
}
