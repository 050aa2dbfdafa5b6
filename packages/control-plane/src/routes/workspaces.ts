import { pathParam } from '../router';
import { randomUUID } from 'node:crypto';
import {
  CreateWorkspaceRequestSchema,
  PageQuerySchema,
  RepositoryBindingRequestSchema,
  WorkspaceListQuerySchema,
  type RepositoryBinding,
  type Workspace,
} from '@dlthub/api-schema';
import { callerAndWorkspace, mayWrite, requireWriter, visibleOrganization } from '../access';
import { authenticate, authenticated } from '../authenticate';
import { defaultBodyLimitBytes, HttpError, parseBody, readBody, sendJson, validate } from '../http';
import { paginate } from '../paging';
import type { Route } from '../router';
import type { StoredOrganization, StoredWorkspace } from '../state';
import { workspaceView } from '../views';
import { memberOrganizationsById } from './identity';

/** Sorted by organization name then workspace name: the order a picker grouped by organization wants. */
function sortedViews(workspaces: StoredWorkspace[], organizations: Map<string, StoredOrganization>): Workspace[] {
  return workspaces
    .map((w) => workspaceView(w, organizations))
    .sort((a, b) => a.organization_name.localeCompare(b.organization_name) || a.name.localeCompare(b.name));
}

export const workspaceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/workspaces',
    handle: async ({ ctx, req, res, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const views = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        validate(PageQuerySchema, raw, 'query');
        const { organization_id } = validate(WorkspaceListQuerySchema, raw, 'query');
        const organizations = await memberOrganizationsById(tx, principal.user);
        const visible: StoredWorkspace[] = [];
        for (const id of organizations.keys()) {
          if (!organization_id || id === organization_id)
            visible.push(...(await tx.list('workspaces', { organization_id: id })));
        }
        return sortedViews(visible, organizations);
      });
      sendJson(res, 200, paginate(views, validate(PageQuerySchema, raw, 'query')));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations/:id/workspaces',
    handle: async ({ ctx, req, res, url, params }) => {
      const raw = Object.fromEntries(url.searchParams);
      const views = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        validate(PageQuerySchema, raw, 'query');
        const organization = await visibleOrganization(tx, principal, pathParam(params, 'id'));
        const inOrganization = await tx.list('workspaces', { organization_id: organization.id });
        return sortedViews(inOrganization, new Map([[organization.id, organization]]));
      });
      sendJson(res, 200, paginate(views, validate(PageQuerySchema, raw, 'query')));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/organizations/:id/workspaces',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const body = validate(
        CreateWorkspaceRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const created = await ctx.store.write(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        const organization = await visibleOrganization(tx, principal, pathParam(params, 'id'));
        await requireWriter(tx, principal, organization.id);
        if (await tx.find('workspaces', { organization_id: organization.id, name: body.name })) {
          throw new HttpError(409, `Workspace "${body.name}" already exists in organization ${organization.name}.`);
        }
        const workspace: StoredWorkspace = {
          id: randomUUID(),
          name: body.name,
          description: body.description ?? null,
          organization_id: organization.id,
          repository: null,
          created_at: ctx.now().toISOString(),
        };
        await tx.insert('workspaces', workspace);
        return workspaceView(workspace, new Map([[organization.id, organization]]));
      });
      sendJson(res, 201, created);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id',
    handle: async ({ ctx, req, res, params }) => {
      const view = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const organization = await tx.find('organizations', { id: workspace.organization_id });
        return workspaceView(workspace, new Map(organization ? [[organization.id, organization]] : []));
      });
      sendJson(res, 200, view);
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/workspaces/:id/repository',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const body = validate(
        RepositoryBindingRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const binding = await ctx.store.write(async (tx): Promise<RepositoryBinding> => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        // One repository per remote workspace and vice versa: moving a repository away from another
        // workspace unbinds it there and deactivates that binding's jobs (history is kept).
        const bound = await tx.find('workspaces', { repository: body.repository });
        const previous = bound && bound.id !== workspace.id ? bound : undefined;
        // Taking a repository away from another workspace changes that workspace too: only someone
        // who may write it may do so. The refusal names neither that workspace nor its organization.
        if (previous && !(await mayWrite(tx, principal, previous.organization_id))) {
          throw new HttpError(
            409,
            `Repository ${body.repository} is bound to another workspace that you cannot change; ask someone who can write that workspace to unbind it first.`,
          );
        }
        let deactivatedJobs = 0;
        if (previous) {
          await tx.update('workspaces', { id: previous.id }, { repository: null });
          deactivatedJobs = await tx.update('jobs', { workspace_id: previous.id, active: true }, { active: false });
        }
        const replaced =
          workspace.repository !== null && workspace.repository !== body.repository ? workspace.repository : null;
        await tx.update('workspaces', { id: workspace.id }, { repository: body.repository });
        return {
          workspace_id: workspace.id,
          repository: body.repository,
          bound_at: ctx.now().toISOString(),
          previous_workspace_id: previous?.id ?? null,
          deactivated_jobs: deactivatedJobs,
          replaced_repository: replaced,
        };
      });
      // The old binding's jobs stop firing now, not at the scheduler's next poll.
      if (binding.deactivated_jobs > 0) ctx.scheduler.wake();
      sendJson(res, 200, binding);
    },
  },
];
