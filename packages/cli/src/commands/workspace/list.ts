/** `dlthub workspace list`: the remote workspaces you can access, grouped by organization; `*` marks the connected one. */
import { openSession, readLocalBinding, requireClient } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

export async function run(context: Context): Promise<void> {
  const session = openSession(platformHost(context));
  const client = requireClient(session);
  try {
    const [me, workspaces] = await Promise.all([client.me(), client.listAllWorkspaces()]);
    const connectedId = readLocalBinding(session.workspace).workspaceId;
    const organizations = [...me.organizations]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((org) => ({
        id: org.id,
        name: org.name,
        role: org.role,
        workspaces: workspaces
          .filter((ws) => ws.organization_id === org.id)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((ws) => ({
            id: ws.id,
            name: ws.name,
            description: ws.description,
            repository: ws.repository,
            connected: ws.id === connectedId,
          })),
      }));
    context.out.result({ organizations, connected_workspace_id: connectedId ?? null }, () => {
      if (organizations.length === 0) return [`${me.user.username} is not a member of any organization.`];
      const width = Math.max(4, ...organizations.flatMap((org) => org.workspaces.map((ws) => ws.name.length)));
      return organizations.flatMap((org) => [
        `${context.out.style('bold', org.name)} (${org.role}, id ${org.id})`,
        ...(org.workspaces.length === 0
          ? ['    (no workspaces)']
          : org.workspaces.map(
              (ws) =>
                `  ${ws.connected ? '*' : ' '} ${ws.name.padEnd(width)}  ${ws.id}${ws.repository ? `  ${ws.repository}` : ''}`,
            )),
      ]);
    });
  } finally {
    await client.close();
  }
}
