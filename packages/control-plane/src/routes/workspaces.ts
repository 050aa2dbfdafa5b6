import { randomUUID } from 'node:crypto';
import {
  CreateWorkspaceRequestSchema,
  PageQuerySchema,
  RepositoryBindingRequestSchema,
  WorkspaceListQuerySchema,
  type RepositoryBinding,
} from '@dlthub/api-schema';
import { mayWrite, paginate, requireWriter, roleIn, visibleOrganization, visibleWorkspace } from '../access';
import { authenticate } from '../authenticate';
import { defaultBodyLimitBytes, HttpError, parseBody, readBody, sendJson, validate } from '../http';
import type { Route } from '../router';
import type { State, StoredWorkspace } from '../state';
import { workspaceView } from '../views';

/** Sorted by organization name then workspace name: the order a picker grouped by organization wants. */
function sortedViews(state: State, workspaces: StoredWorkspace[]) {
  return workspaces
    .map((w) => workspaceView(state, w))
    .sort((a, b) => a.organization_name.localeCompare(b.organization_name) || a.name.localeCompare(b.name));
}

export const workspaceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/workspaces',
    handle: ({ ctx, req, res, url }) => {
      const principal = authenticate(ctx, req);
      const raw = Object.fromEntries(url.searchParams);
      const query = validate(PageQuerySchema, raw, 'query');
      const { organization_id } = validate(WorkspaceListQuerySchema, raw, 'query');
      const { state } = ctx.store;
      const visible = state.workspaces.filter(
        (w) =>
          roleIn(state, principal, w.organization_id) && (!organization_id || w.organization_id === organization_id),
      );
      sendJson(res, 200, paginate(sortedViews(state, visible), query));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations/:id/workspaces',
    handle: ({ ctx, req, res, url, params }) => {
      const principal = authenticate(ctx, req);
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      const { state } = ctx.store;
      const organization = visibleOrganization(state, principal, params.id);
      const inOrganization = state.workspaces.filter((w) => w.organization_id === organization.id);
      sendJson(res, 200, paginate(sortedViews(state, inOrganization), query));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/organizations/:id/workspaces',
    handle: async ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      const body = validate(
        CreateWorkspaceRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const created = await ctx.store.mutate((state) => {
        const organization = visibleOrganization(state, principal, params.id);
        requireWriter(state, principal, organization.id);
        if (state.workspaces.some((w) => w.organization_id === organization.id && w.name === body.name)) {
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
        state.workspaces.push(workspace);
        return workspaceView(state, workspace);
      });
      sendJson(res, 201, created);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id',
    handle: ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      const { state } = ctx.store;
      sendJson(res, 200, workspaceView(state, visibleWorkspace(state, principal, params.id)));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/jobs',
    handle: ({ ctx, req, res, params, url }) => {
      const principal = authenticate(ctx, req);
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      const { state } = ctx.store;
      const workspace = visibleWorkspace(state, principal, params.id);
      const jobs = state.jobs
        .filter((j) => j.workspace_id === workspace.id)
        .sort((a, b) => a.name.localeCompare(b.name));
      sendJson(res, 200, paginate(jobs, query));
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/workspaces/:id/repository',
    handle: async ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      const body = validate(
        RepositoryBindingRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const binding = await ctx.store.mutate((state): RepositoryBinding => {
        const workspace = visibleWorkspace(state, principal, params.id);
        requireWriter(state, principal, workspace.organization_id);
        // One repository per remote workspace and vice versa: moving a repository away from another
        // workspace unbinds it there and deactivates that binding's jobs (history is kept).
        const previous = state.workspaces.find((w) => w.repository === body.repository && w.id !== workspace.id);
        // Taking a repository away from another workspace changes that workspace too: only someone
        // who may write it may do so. The refusal names neither that workspace nor its organization.
        if (previous && !mayWrite(state, principal, previous.organization_id)) {
          throw new HttpError(
            409,
            `Repository ${body.repository} is bound to another workspace that you cannot change; ask someone who can write that workspace to unbind it first.`,
          );
        }
        let deactivatedJobs = 0;
        if (previous) {
          previous.repository = null;
          for (const job of state.jobs) {
            if (job.workspace_id === previous.id && job.active) {
              job.active = false;
              deactivatedJobs += 1;
            }
          }
        }
        const replaced =
          workspace.repository !== null && workspace.repository !== body.repository ? workspace.repository : null;
        workspace.repository = body.repository;
        return {
          workspace_id: workspace.id,
          repository: body.repository,
          bound_at: ctx.now().toISOString(),
          previous_workspace_id: previous?.id ?? null,
          deactivated_jobs: deactivatedJobs,
          replaced_repository: replaced,
        };
      });
      sendJson(res, 200, binding);
    },
  },
];
