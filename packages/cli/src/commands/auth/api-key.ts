/**
 * `dlthub login --with-api-key`: the key comes from stdin (a hidden prompt on a terminal), never from
 * argv (visible in `ps` and shell history; cli-auth.md §6.2). It is checked for the `dlt_` prefix,
 * verified with `GET /me`, and stored as `[runtime] api_key` in the workspace's `.dlt/secrets.toml`,
 * which must not be tracked by git.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiKeyPrefix } from '@dlthub/api-schema';
import { assertNoEnvApiKey } from '@dlthub/auth';
import { DlthubError, setTomlValue, updateTomlFile } from '@dlthub/config-core';
import { maskSecret } from '@dlthub/config-core/mask';
import { openSession } from '@dlthub/platform';
import { isIgnoredByGit, isTrackedByGit } from '@dlthub/platform/git';
import { readUtf8, underWorkspaceLock } from '@dlthub/platform/workspace-writes';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readKey(context: Context): Promise<string> {
  if (context.interactive) {
    const { password } = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
    return password({ message: 'Paste your dltHub API key:', mask: '*' }, { output: process.stderr });
  }
  return readStdin();
}

export async function loginWithApiKey(context: Context): Promise<void> {
  assertNoEnvApiKey(context.env, 'login');
  const session = openSession(platformHost(context));
  const { workspace } = session;
  const secretsPath = path.join(workspace.settingsDir, 'secrets.toml');
  const shown = path.relative(workspace.rootDir, secretsPath).split(path.sep).join('/');
  if (!fs.existsSync(workspace.settingsDir)) {
    throw new DlthubError(
      'WorkspaceNotFound',
      `No ${path.basename(workspace.settingsDir)} folder in ${workspace.rootDir} to store the API key in.`,
      {
        hint: 'Run `dlthub init` first, or pass -C <workspace dir>; in CI set RUNTIME__API_KEY instead.',
      },
    );
  }
  // Refuse before reading the key: nothing secret should be typed for a write that cannot happen.
  if (isTrackedByGit(secretsPath)) {
    throw new DlthubError('WriteRefused', `${shown} is tracked by git; refusing to store an API key in it.`, {
      location: { file: shown },
      hint: `Run \`git rm --cached ${shown}\` and add it to .gitignore, or set RUNTIME__API_KEY instead.`,
    });
  }
  const key = (await readKey(context)).trim();
  context.out.secrets.add(key);
  if (key === '') {
    throw new DlthubError('Usage', 'No API key received on standard input.', {
      hint: 'Pipe the key in: `dlthub login --with-api-key < key.txt` (never pass it as an argument).',
    });
  }
  if (!key.startsWith(apiKeyPrefix) || /\s/.test(key)) {
    throw new DlthubError(
      'Auth',
      `That is not a dltHub API key (they start with "${apiKeyPrefix}" and contain no spaces).`,
      {
        hint: 'Create a key in the dltHub web app (Settings → API keys) and pipe it in again.',
      },
    );
  }
  const client = session.client(key);
  let me;
  try {
    me = await client.me();
  } catch (error) {
    if (error instanceof DlthubError && error.code === 'Auth') {
      throw new DlthubError(
        'Auth',
        `The API key ${maskSecret(key)} was refused by ${session.apiBaseUrl}; nothing was stored.`,
        {
          hint: 'Check that the key is not expired or revoked, and that runtime.api_base_url points at the right control plane.',
        },
      );
    }
    throw error;
  } finally {
    await client.close();
  }
  await underWorkspaceLock(path.dirname(secretsPath), () => {
    readUtf8(secretsPath); // a file that is not UTF-8 is refused, never rewritten
    return updateTomlFile(secretsPath, (text) => setTomlValue(text, ['runtime', 'api_key'], key, { file: shown }), {
      secret: true,
      displayPath: shown,
    });
  });
  const ignored = isIgnoredByGit(secretsPath);
  if (ignored === false)
    context.out.warn(`${shown} is not ignored by git; add it to .gitignore so the key is never committed.`);
  context.out.result(
    {
      status: 'logged_in',
      user: me.user,
      credentials_file: shown,
      credential: maskSecret(key),
      api_base_url: session.apiBaseUrl,
    },
    () => [],
  );
  context.out.info(
    `Logged in as ${me.user.username} with API key ${maskSecret(key)}. Stored as [runtime] api_key in ${shown}.`,
  );
}
