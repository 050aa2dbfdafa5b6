import type { MemberOrganization, Workspace } from '@dlthub/api-schema';
import { Separator } from '@inquirer/prompts';
import { pickerChoices, type PickerChoice } from './picker';

const at = '2026-01-01T00:00:00.000Z';
const orgs: [MemberOrganization, MemberOrganization] = [
  { id: 'o-beta', name: 'beta', created_at: at, role: 'member' },
  { id: 'o-acme', name: 'acme', created_at: at, role: 'owner' },
];
const ws = (id: string, name: string, org: MemberOrganization, repository: string | null = null): Workspace => ({
  id,
  name,
  description: null,
  organization_id: org.id,
  organization_name: org.name,
  repository,
  created_at: at,
});
const workspaces = [
  ws('w1', 'marketing', orgs[0]),
  ws('w2', 'sandbox', orgs[0]),
  ws('w3', 'marketing', orgs[1], 'example.test/acme/x'),
  ws('w4', 'analytics', orgs[1]),
];

/** The list as a user sees it: headers as `# name`, choices as `name [disabled]`. */
function render(choices: Array<PickerChoice | Separator>): string[] {
  return choices.map((choice) =>
    choice instanceof Separator
      ? `# ${choice.separator}`
      : `${choice.name}${choice.disabled ? ` [${choice.disabled}]` : ''}`,
  );
}

describe('pickerChoices', () => {
  it('groups every workspace under its organization (sorted), then offers to create one', () => {
    expect(render(pickerChoices(orgs, workspaces, undefined))).toEqual([
      '# ── acme (owner) ──',
      'analytics',
      'marketing',
      '# ── beta (member) ──',
      'marketing',
      'sandbox',
      '#  ',
      '+ Create a new workspace…',
    ]);
  });

  it('filters by workspace name, organization name or id, dropping empty groups', () => {
    expect(render(pickerChoices(orgs, workspaces, 'MARK'))).toEqual([
      '# ── acme (owner) ──',
      'marketing',
      '# ── beta (member) ──',
      'marketing',
      '#  ',
      '+ Create a new workspace…',
    ]);
    expect(render(pickerChoices(orgs, workspaces, 'beta'))).toEqual([
      '# ── beta (member) ──',
      'marketing',
      'sandbox',
      '#  ',
      '+ Create a new workspace…',
    ]);
    expect(render(pickerChoices(orgs, workspaces, 'w4'))).toEqual([
      '# ── acme (owner) ──',
      'analytics',
      '#  ',
      '+ Create a new workspace…',
    ]);
  });

  it('with a pinned organization, shows the other organizations disabled with the reason', () => {
    const choices = pickerChoices(orgs, workspaces, undefined, 'o-acme');
    expect(render(choices).filter((line) => line.includes('['))).toEqual([
      'marketing [organization is pinned to acme]',
      'sandbox [organization is pinned to acme]',
    ]);
    const acmeMarketing = choices.find(
      (choice) =>
        !(choice instanceof Separator) && choice.value.kind === 'existing' && choice.value.workspaceId === 'w3',
    ) as PickerChoice;
    expect(acmeMarketing.description).toBe('acme/marketing · id w3 · connected to example.test/acme/x');
  });
});
