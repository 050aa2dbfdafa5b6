/**
 * The interactive workspace picker behind the CLI's `WorkspacePrompts` (platform-host.ts): one
 * searchable list grouped by organization (Separator headers), plus "create a new workspace"
 * (cli-auth.md §5.3: @inquirer/prompts `search` is the best fit for search + grouped single select). `pickerChoices` is pure so the grouping is testable without a TTY.
 */
import type { MemberOrganization, Workspace } from '@dlthub/api-schema';
import type { PickerValue } from '@dlthub/platform';
import { Separator } from '@inquirer/prompts';

export interface PickerChoice {
  value: PickerValue;
  name: string;
  description?: string;
  disabled?: boolean | string;
}

function matches(term: string | undefined, ...texts: string[]): boolean {
  if (!term) return true;
  const needle = term.trim().toLowerCase();
  return texts.some((text) => text.toLowerCase().includes(needle));
}

/**
 * Workspaces matching `term` (name, organization or id), grouped under their organization in name
 * order; when an organization is pinned, the others' workspaces are shown but disabled (write-once).
 */
export function pickerChoices(
  organizations: readonly MemberOrganization[],
  workspaces: readonly Workspace[],
  term: string | undefined,
  pinnedOrganizationId?: string,
): Array<PickerChoice | Separator> {
  const choices: Array<PickerChoice | Separator> = [];
  const pinned = organizations.find((org) => org.id === pinnedOrganizationId);
  const sorted = [...organizations].sort((a, b) => a.name.localeCompare(b.name));
  for (const org of sorted) {
    const inOrg = workspaces
      .filter((ws) => ws.organization_id === org.id && matches(term, ws.name, org.name, ws.id))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (inOrg.length === 0) continue;
    choices.push(new Separator(`── ${org.name} (${org.role}) ──`));
    for (const ws of inOrg) {
      const otherOrg = pinnedOrganizationId !== undefined && org.id !== pinnedOrganizationId;
      choices.push({
        value: { kind: 'existing', workspaceId: ws.id },
        name: ws.name,
        description: `${org.name}/${ws.name} · id ${ws.id}${ws.repository ? ` · connected to ${ws.repository}` : ''}`,
        ...(otherOrg ? { disabled: `organization is pinned to ${pinned?.name ?? pinnedOrganizationId}` } : {}),
      });
    }
  }
  choices.push(new Separator(' '));
  choices.push({
    value: { kind: 'create' },
    name: '+ Create a new workspace…',
    description: 'create a workspace in one of your organizations',
  });
  return choices;
}

/** Shows the picker on stderr (stdout stays clean for data). Ctrl+C rejects with ExitPromptError (exit 130). */
export async function pickWorkspace(
  organizations: readonly MemberOrganization[],
  workspaces: readonly Workspace[],
  pinnedOrganizationId?: string,
): Promise<PickerValue> {
  const { search } = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  return search<PickerValue>(
    {
      message: 'Connect this repository to which workspace? (type to search)',
      pageSize: 12,
      source: async (term) => pickerChoices(organizations, workspaces, term ?? undefined, pinnedOrganizationId),
    },
    { output: process.stderr },
  );
}

export async function askWorkspaceName(): Promise<string> {
  const { input } = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  const { workspaceNamePattern } = require('@dlthub/api-schema') as typeof import('@dlthub/api-schema');
  return input(
    {
      message: 'Name of the new workspace:',
      validate: (value) =>
        workspaceNamePattern.test(value.trim()) ||
        'Use letters, digits, "_", "." and "-", starting with a letter or digit.',
    },
    { output: process.stderr },
  );
}

export async function askOrganization(organizations: readonly MemberOrganization[]): Promise<MemberOrganization> {
  const { select } = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  return select<MemberOrganization>(
    {
      message: 'Create it in which organization?',
      choices: organizations.map((org) => ({
        value: org,
        name: `${org.name} (${org.role})`,
        description: `id ${org.id}`,
      })),
    },
    { output: process.stderr },
  );
}
