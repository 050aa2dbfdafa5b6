import {
  JobListQuerySchema,
  PageQuerySchema,
  TriggerJobsRequestSchema,
  type TriggerJobsResult,
} from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/scheduler';
import { callerAndWorkspace, requireWriter } from '../access';
import { authenticated } from '../authenticate';
import { findJob, latestJobVersion } from '../deployments/jobs';
import { HttpError, defaultBodyLimitBytes, parseBody, readBody, sendJson, validate } from '../http';
import { paginate } from '../paging';
import { pathParam, type Route } from '../router';
import { fireJobs } from '../scheduling/fire-jobs';
import { jobSchedule, setJobPaused } from '../scheduling/job-schedules';
import { jobFirePage } from '../scheduling/scheduler-store';
import { fireView, jobView } from '../views';

export const jobRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/jobs',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const views = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const page = validate(PageQuerySchema, raw, 'query');
        const { archived } = validate(JobListQuerySchema, raw, 'query');
        // Archived jobs (active: false) are left out unless asked for (reference §5, `job list --archived`).
        const jobs = (await tx.list('jobs', { workspace_id: workspace.id }))
          .filter((job) => archived || job.active)
          .sort((a, b) => a.name.localeCompare(b.name));
        const shown = paginate(jobs, page);
        return {
          ...shown,
          items: await Promise.all(
            shown.items.map(async (job) =>
              jobView(job, await latestJobVersion(tx, job.id), await jobSchedule(tx, job.id)),
            ),
          ),
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
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const job = await findJob(tx, workspace.id, pathParam(params, 'job'));
        return jobView(job, await latestJobVersion(tx, job.id), await jobSchedule(tx, job.id));
      });
      sendJson(res, 200, view);
    },
  },
  pauseRoute('pause', true),
  pauseRoute('resume', false),
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/jobs/:job/fires',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const page = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const paging = validate(PageQuerySchema, raw, 'query');
        const job = await findJob(tx, workspace.id, pathParam(params, 'job'));
        const page = await jobFirePage(tx, job.id, job.name, paging);
        return { ...page, items: page.items.map(fireView) };
      });
      sendJson(res, 200, page);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/jobs/trigger',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const body = validate(
        TriggerJobsRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const { workspaceId, userId } = await ctx.store.read(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        return { workspaceId: workspace.id, userId: principal.user.id };
      });
      let triggered;
      try {
        triggered = await fireJobs(ctx, { workspaceId, inputs: body.selectors, userId, ...body });
      } catch (error) {
        // Unknown or ambiguous job names (the scheduler's resolution errors) are the caller's to fix.
        if (error instanceof DlthubError) throw new HttpError(404, error.message);
        throw error;
      }
      const result: TriggerJobsResult = { triggered };
      sendJson(res, 201, result);
    },
  },
];

/** `POST …/jobs/{job}/pause|resume`: writers only; the scheduler re-reads its jobs at once. */
function pauseRoute(verb: 'pause' | 'resume', paused: boolean): Route {
  return {
    method: 'POST',
    path: `/api/v1/workspaces/:id/jobs/:job/${verb}`,
    handle: async ({ ctx, req, res, params }) => {
      const view = await ctx.store.write(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        const job = await findJob(tx, workspace.id, pathParam(params, 'job'));
        const schedule = await setJobPaused(tx, job.id, paused, ctx.now());
        return jobView(job, await latestJobVersion(tx, job.id), schedule);
      });
      ctx.scheduler.wake();
      sendJson(res, 200, view);
    },
  };
}
