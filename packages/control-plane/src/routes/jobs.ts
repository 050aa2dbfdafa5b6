import { JobListQuerySchema, PageQuerySchema } from '@dlthub/api-schema';
import { paginate, visibleWorkspace } from '../access';
import { authenticate } from '../authenticate';
import { findJob, latestJobVersion } from '../deployments/jobs';
import { sendJson, validate } from '../http';
import { pathParam, type Route } from '../router';
import { jobView } from '../views';

export const jobRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/jobs',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const views = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        const page = validate(PageQuerySchema, raw, 'query');
        const { archived } = validate(JobListQuerySchema, raw, 'query');
        const workspace = await visibleWorkspace(tx, principal, pathParam(params, 'id'));
        // Archived jobs (active: false) are left out unless asked for (reference §5, `job list --archived`).
        const jobs = (await tx.list('jobs', { workspace_id: workspace.id }))
          .filter((job) => archived || job.active)
          .sort((a, b) => a.name.localeCompare(b.name));
        const shown = paginate(jobs, page);
        return {
          ...shown,
          items: await Promise.all(shown.items.map(async (job) => jobView(job, await latestJobVersion(tx, job.id)))),
        };
      });
      sendJson(res, 200, views);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/jobs/:job',
    handle: async ({ ctx, req, res, params }) => {
      const view = await ctx.store.read(async (tx) => {
        const principal = await authenticate(ctx, tx, req);
        const workspace = await visibleWorkspace(tx, principal, pathParam(params, 'id'));
        const job = await findJob(tx, workspace.id, pathParam(params, 'job'));
        return jobView(job, await latestJobVersion(tx, job.id));
      });
      sendJson(res, 200, view);
    },
  },
];
