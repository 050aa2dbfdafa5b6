import {
  DeployManifestRequestSchema,
  DeploymentRequirementsSchema,
  PageQuerySchema,
  deploymentMaxBytes,
  manifestMaxBytes,
  type DeploymentFiles,
  type DeploymentRequirements,
  type DeploymentUploadResult,
} from '@dlthub/api-schema';
import { describePackage } from '@dlthub/runner';
import { callerAndWorkspace, requireWriter } from '../access';
import { authenticated } from '../authenticate';
import { findDeployment, newestVersionFirst, saveDeployment } from '../deployments/deployment-records';
import { reconcileManifest } from '../deployments/jobs';
import { HttpError, parseBody, readBody, sendJson, validate } from '../http';
import { pageOf } from '../paging';
import { pathParam, type Route } from '../router';
import { deploymentView } from '../views';

/** Media types a code package tarball may come with (the raw request body). */
const packageMediaTypes = new Set(['application/gzip', 'application/x-gzip', 'application/octet-stream']);

export const deploymentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/deployments',
    handle: async ({ ctx, req, res, params }) => {
      // Who may upload is settled before the body is read: another tenant hears 404, a reader 403.
      const caller = await ctx.store.read(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        return principal;
      });
      const [mediaType = ''] = String(req.headers['content-type'] ?? '').split(';');
      if (!packageMediaTypes.has(mediaType.trim().toLowerCase()))
        throw new HttpError(415, 'Upload the code package as the request body with content-type application/gzip.');
      ctx.limiters.uploads.take(caller.user.id, 'deployment uploads by this user');
      const tarball = await readBody(req, deploymentMaxBytes);
      let info;
      let requirements: DeploymentRequirements | null;
      try {
        info = await describePackage(tarball);
        requirements =
          info.requirements === null
            ? null
            : validate(DeploymentRequirementsSchema, info.requirements, 'requirements.json');
      } catch (error) {
        throw new HttpError(400, `The code package cannot be read: ${(error as Error).message}`);
      }
      const outcome = await ctx.store.write(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        return saveDeployment(tx, {
          workspaceId: workspace.id,
          contentHash: info.contentHash,
          files: info.files,
          requirements,
          tarball,
          createdBy: principal.user.id,
          now: ctx.now(),
        });
      });
      const result: DeploymentUploadResult = { ...deploymentView(outcome.record), created: outcome.created };
      sendJson(res, outcome.created ? 201 : 200, result);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/deployments',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const page = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const paging = validate(PageQuerySchema, raw, 'query');
        return pageOf(tx, 'deployments', { workspace_id: workspace.id }, newestVersionFirst, paging, deploymentView);
      });
      sendJson(res, 200, page);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/deployments/:version',
    handle: async ({ ctx, req, res, params }) => {
      const deployment = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        return findDeployment(tx, workspace.id, pathParam(params, 'version'));
      });
      sendJson(res, 200, deploymentView(deployment));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/deployments/:version/files',
    handle: async ({ ctx, req, res, params }) => {
      const deployment = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        return findDeployment(tx, workspace.id, pathParam(params, 'version'));
      });
      const files: DeploymentFiles = {
        engine_version: 1,
        files: deployment.files,
        requirements: deployment.requirements ?? null,
      };
      sendJson(res, 200, files);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/deploy',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const manifest = validate(
        DeployManifestRequestSchema,
        parseBody(req, await readBody(req, manifestMaxBytes)),
        'body',
      );
      const result = await ctx.store.write(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        return reconcileManifest(tx, workspace.id, manifest, ctx.now());
      });
      // New, changed and archived jobs: the scheduler re-reads its jobs now rather than at its next poll.
      if (!result.dry_run) ctx.scheduler.wake();
      sendJson(res, 200, result);
    },
  },
];
