import { uiPaths } from '@dlthub/api-schema';
import { memberOrganizationsById } from '../routes/identity';
import { esc, formatTime, link, table } from './layout';
import { signedInPage } from './signed-in-route';

/** `/ui`: the organizations the signed-in user belongs to, each with its workspaces. */
export const homePage = signedInPage(uiPaths.home(), async (tx, { signedIn }) => {
  const organizations = [...(await memberOrganizationsById(tx, signedIn.user)).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const sections: string[] = [];
  for (const organization of organizations) {
    const role = (await tx.find('memberships', { user_id: signedIn.user.id, organization_id: organization.id }))?.role;
    const workspaces = (await tx.list('workspaces', { organization_id: organization.id })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    const rows = workspaces.map((workspace) => [
      link(uiPaths.workspace(workspace.id), workspace.name),
      esc(workspace.description ?? ''),
      `<span class="mono">${esc(workspace.repository ?? '—')}</span>`,
      esc(formatTime(workspace.created_at)),
    ]);
    sections.push(`<section class="organization" data-organization="${esc(organization.name)}">
<h2>${esc(organization.name)} <span class="muted">(${esc(role ?? '')})</span></h2>
${table(`workspaces-${organization.id}`, ['Workspace', 'Description', 'Repository', 'Created'], rows, 'No workspaces yet.')}
</section>`);
  }
  return {
    title: 'Workspaces',
    crumbs: [],
    body: sections.join('\n') || '<p class="muted" id="no-organizations">You belong to no organization yet.</p>',
  };
});
