/** `dlthub workspace configuration info [version]`: one configuration version (the latest by default); never its contents. */
import { DlthubError } from '@dlthub/config-core';
import type { Context } from '../../context';
import { withConnected } from '../remote/setup';
import { allConfigurations } from './configuration-list';

export async function run(context: Context, [version]: string[]): Promise<void> {
  await withConnected(context, async ({ client, workspaceId }) => {
    const configurations = await allConfigurations(client, workspaceId);
    const found = version === undefined ? configurations[0] : configurations.find((c) => String(c.version) === version);
    if (!found)
      throw new DlthubError(
        'NotFound',
        version === undefined ? 'No configuration synced yet.' : `No configuration version ${version}.`,
        {
          hint: 'List versions with `dlthub workspace configuration list`; sync with `dlthub workspace configuration sync`.',
        },
      );
    context.out.result(found, () => [
      `Configuration version ${found.version} (${found.id})`,
      `  created:      ${found.created_at}`,
      `  profiles:     ${found.profiles.join(', ') || 'none'}`,
      `  content hash: ${found.content_hash}`,
      `  size:         ${found.size} B`,
    ]);
  });
}
