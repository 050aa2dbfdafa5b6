/**
 * `workspace connect` (also the first step of `deploy` when not connected): choose a remote workspace
 * by name, id or picker, enforce the write-once organization, confirm before moving the repository's
 * binding (the old binding's jobs get deactivated), bind the repository remotely, then write the ids
 * into `.dlt/config.toml`. Everything that can fail is checked before anything is written.
 */
import type { MemberOrganization, Workspace } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import { repositoryIdentity, sameRepository, type RepositoryIdentity } from './git';
import type { PlatformHost, WorkspacePrompts } from './host';
import type { PlatformSession } from './session';
import { projectConfigPath, readLocalBinding, writeLocalBinding, type LocalBinding } from './workspace-binding';
import { readUtf8 } from './workspace-writes';

export interface ConnectRequest {
  /** A workspace name or id; without it the user picks one (interactive hosts only). */
  nameOrId?: string;
  orgId?: string;
  /** Create the named workspace when it does not exist. */
  create?: boolean;
}

export interface ConnectOptions extends ConnectRequest {
  session: PlatformSession;
  /** An authenticated client (kept open). */
  client: WorkspaceClient;
  prompts: WorkspacePrompts;
}

function usageError(message: string, hint: string): DlthubError {
  return new DlthubError('Usage', message, { hint });
}

export interface ConnectOutcome {
  workspace: Workspace;
  created: boolean;
  /** Nothing changed: this repository was already connected to that workspace. */
  alreadyConnected: boolean;
  repository: RepositoryIdentity;
  /** Jobs of the previous binding that the control plane deactivated. */
  deactivatedJobs: number;
  previousWorkspaceId: string | null;
  configFile: string;
  organizationWritten: boolean;
}

const label = (ws: Workspace) => `${ws.organization_name}/${ws.name}`;

function orgList(organizations: readonly MemberOrganization[]): string {
  return organizations.map((org) => `${org.name} (--org-id ${org.id})`).join(', ');
}

function switchOrgHint(binding: LocalBinding, configShown: string): string {
  if (binding.organizationIdSource?.startsWith('env ')) {
    return `The organization comes from ${binding.organizationIdSource}; unset it to connect elsewhere.`;
  }
  return `organization_id is write-once. To switch organizations, remove the organization_id line from ${configShown} by hand and run \`dlthub workspace connect\` again.`;
}

function refuseOtherOrg(binding: LocalBinding, configShown: string, what: string): DlthubError {
  return new DlthubError(
    'Conflict',
    `This workspace is pinned to organization ${binding.organizationId} (${binding.organizationIdSource}); ${what}.`,
    {
      hint: switchOrgHint(binding, configShown),
    },
  );
}

async function organizationForCreate(
  host: PlatformHost,
  prompts: WorkspacePrompts,
  organizations: readonly MemberOrganization[],
  scopeOrgId: string | undefined,
): Promise<MemberOrganization> {
  if (scopeOrgId) return organizations.find((org) => org.id === scopeOrgId)!;
  if (organizations.length === 1 && organizations[0]) return organizations[0];
  if (organizations.length === 0) {
    throw new DlthubError('NotFound', 'You are not a member of any organization, so no workspace can be created.', {
      hint: 'Ask an owner to invite you to an organization in the dltHub web app.',
    });
  }
  if (!host.interactive) {
    throw usageError(
      'Cannot choose an organization for the new workspace non-interactively.',
      `Pass --org-id <id>: ${orgList(organizations)}.`,
    );
  }
  return prompts.askOrganization(organizations);
}

/** A workspace to connect to: one that exists, or one to create once every check has passed. */
type Target = { workspace: Workspace; created: false } | { create: { name: string; org: MemberOrganization } };

/** Resolves the target workspace without creating or writing anything. */
async function chooseTarget(
  host: PlatformHost,
  options: ConnectOptions,
  organizations: readonly MemberOrganization[],
  workspaces: Workspace[],
  binding: LocalBinding,
): Promise<Target> {
  const { session, prompts, ...request } = options;
  const scopeOrgId = request.orgId ?? binding.organizationId;
  const scopeName = organizations.find((org) => org.id === scopeOrgId)?.name ?? scopeOrgId;
  const create = async (name: string): Promise<Target> => ({
    create: { name, org: await organizationForCreate(host, prompts, organizations, scopeOrgId) },
  });

  if (request.nameOrId) {
    const wanted = request.nameOrId.trim();
    const byId = workspaces.find((ws) => ws.id === wanted);
    if (byId) {
      // An id names one workspace; an --org-id that disagrees with it is a mistake, never ignored.
      if (request.orgId && byId.organization_id !== request.orgId) {
        throw new DlthubError(
          'Conflict',
          `Workspace ${label(byId)} (${byId.id}) belongs to organization ${byId.organization_name} (${byId.organization_id}), not to --org-id ${request.orgId}.`,
          { hint: `Pass --org-id ${byId.organization_id}, or leave --org-id out.` },
        );
      }
      return { workspace: byId, created: false };
    }
    const byName = workspaces.filter(
      (ws) => ws.name === wanted && (scopeOrgId === undefined || ws.organization_id === scopeOrgId),
    );
    if (byName.length > 1) {
      const orgs = organizations.filter((org) => byName.some((ws) => ws.organization_id === org.id));
      throw usageError(
        `Workspace "${wanted}" exists in several organizations.`,
        `Pass --org-id <id>: ${orgList(orgs)}.`,
      );
    }
    if (byName.length === 1 && byName[0]) return { workspace: byName[0], created: false };
    const elsewhere = workspaces.find((ws) => ws.name === wanted);
    if (elsewhere && !request.orgId && binding.organizationId) {
      throw refuseOtherOrg(
        binding,
        projectConfigPath(session.workspace).shown,
        `workspace ${label(elsewhere)} belongs to organization ${elsewhere.organization_name} (${elsewhere.organization_id})`,
      );
    }
    if (request.create) return create(wanted);
    throw new DlthubError(
      'NotFound',
      `Workspace "${wanted}" not found${scopeOrgId ? ` in organization ${scopeName}` : ''}.`,
      {
        hint: 'Run `dlthub workspace list` to see your workspaces, or pass --create to create it.',
      },
    );
  }

  // API key mode skips OAuth and the picker (dlt-semantics §6.1); so does a missing terminal.
  if (!host.interactive || session.credentials.kind === 'api_key') {
    const why = host.interactive ? 'with an API key' : 'non-interactively';
    throw usageError(
      `Cannot choose a workspace ${why}.`,
      `Pass the workspace: \`dlthub workspace connect <name_or_id>\`${organizations.length > 1 && !binding.organizationId ? ' --org-id <id>' : ''} (add --create to create it). Run \`dlthub workspace list\` to see them.`,
    );
  }
  const picked = await prompts.pickWorkspace(organizations, workspaces, binding.organizationId);
  if (picked.kind === 'create') return create((await prompts.askWorkspaceName()).trim());
  return { workspace: workspaces.find((ws) => ws.id === picked.workspaceId)!, created: false };
}

async function activeJobCount(client: WorkspaceClient, workspaceId: string): Promise<number | undefined> {
  try {
    const page = await client.listJobs(workspaceId, { limit: 200 });
    return page.items.filter((job) => job.active).length;
  } catch {
    return undefined; // not visible to this user: the bind answer reports the count
  }
}

/** Binds this repository to a remote workspace and writes the ids into `.dlt/config.toml`. */
export async function connectWorkspace(host: PlatformHost, options: ConnectOptions): Promise<ConnectOutcome> {
  const { session, client, prompts, ...request } = options;
  const { workspace: local } = session;
  const binding = readLocalBinding(local);
  const configShown = projectConfigPath(local).shown;
  // A config.toml the binding could not be written into is refused before anything changes remotely.
  readUtf8(projectConfigPath(local).file);
  if (request.orgId && binding.organizationId && request.orgId !== binding.organizationId) {
    throw refuseOtherOrg(binding, configShown, `--org-id ${request.orgId} is another organization`);
  }
  const me = await client.me();
  const organizations = me.organizations;
  if (request.orgId && !organizations.some((org) => org.id === request.orgId)) {
    throw new DlthubError('NotFound', `Organization ${request.orgId} is not one of yours.`, {
      hint: organizations.length
        ? `Your organizations: ${orgList(organizations)}.`
        : 'Ask an owner to invite you to an organization.',
    });
  }
  const workspaces = await client.listAllWorkspaces();
  const chosen = await chooseTarget(host, options, organizations, workspaces, binding);
  // A workspace still to create is described by name and organization until every check has passed.
  const target: Workspace =
    'create' in chosen
      ? ({
          id: '',
          name: chosen.create.name,
          organization_id: chosen.create.org.id,
          organization_name: chosen.create.org.name,
          repository: null,
        } as unknown as Workspace)
      : chosen.workspace;
  if (binding.organizationId && target.organization_id !== binding.organizationId) {
    throw refuseOtherOrg(
      binding,
      configShown,
      `workspace ${label(target)} belongs to organization ${target.organization_name} (${target.organization_id})`,
    );
  }

  const repository = repositoryIdentity(local.rootDir);
  const boundElsewhere = workspaces.find(
    (ws) => ws.repository !== null && sameRepository(ws.repository, repository.repository) && ws.id !== target.id,
  );
  const previousLocal =
    binding.workspaceId && binding.workspaceId !== target.id
      ? workspaces.find((ws) => ws.id === binding.workspaceId)
      : undefined;
  const concerns: string[] = [];
  if (boundElsewhere) {
    const jobs = await activeJobCount(client, boundElsewhere.id);
    concerns.push(
      `This repository is connected to ${label(boundElsewhere)}; moving it deactivates ${jobs === undefined ? 'the' : jobs} active job${jobs === 1 ? '' : 's'} deployed there (run history is kept, triggers stop).`,
    );
  } else if (binding.workspaceId && binding.workspaceId !== target.id) {
    concerns.push(
      `${configShown} points at ${previousLocal ? label(previousLocal) : `workspace ${binding.workspaceId}`}; it will point at ${label(target)}.`,
    );
  }
  if (target.repository && !sameRepository(target.repository, repository.repository)) {
    concerns.push(
      `${label(target)} is connected to ${target.repository}, which will be disconnected (one repository per workspace).`,
    );
  }
  if (concerns.length > 0) {
    for (const concern of concerns) host.progress.warn(concern);
    const proceed = await prompts.confirm(`Connect this repository to ${label(target)}?`, '-y');
    if (!proceed) throw new DlthubError('Cancelled', 'Connect cancelled; nothing was changed.');
  }

  // Created last, after every check and confirmation: a refusal never leaves a new remote workspace behind.
  const created = 'create' in chosen;
  let connected = target;
  if ('create' in chosen) {
    connected = await client.createWorkspace(chosen.create.org.id, { name: chosen.create.name });
    host.progress.info(`Created workspace ${label(connected)} (${connected.id}).`);
  }
  const sameAsBound = connected.repository !== null && sameRepository(connected.repository, repository.repository);
  let deactivatedJobs = 0;
  let previousWorkspaceId: string | null = null;
  if (!sameAsBound) {
    const bound = await client.bindRepository(connected.id, repository.repository);
    deactivatedJobs = bound.deactivated_jobs;
    previousWorkspaceId = bound.previous_workspace_id;
  }
  const write = await writeLocalBinding(local, connected.id, connected.organization_id);
  const alreadyConnected = !created && !write.changed && sameAsBound;
  const environmentOverride = binding.workspaceIdSource?.startsWith('env ') ? binding.workspaceIdSource : undefined;
  if (environmentOverride)
    host.progress.warn(
      `${environmentOverride} overrides ${configShown}; unset it to use the workspace just connected.`,
    );
  return {
    workspace: { ...connected, repository: sameAsBound ? connected.repository : repository.repository },
    created,
    alreadyConnected,
    repository,
    deactivatedJobs,
    previousWorkspaceId,
    configFile: write.file,
    organizationWritten: write.organizationWritten && write.changed,
  };
}
