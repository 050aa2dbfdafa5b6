import {
  CancelJobRunsRequestSchema,
  PageQuerySchema,
  RunListQuerySchema,
  RunLogQuerySchema,
  TriggerRunRequestSchema,
  isTerminalRunStatus,
  type CancelJobRunsResult,
} from '@dlthub/api-schema';
import { callerAndWorkspace, requireWriter } from '../access';
import { authenticated } from '../authenticate';
import { findJob } from '../deployments/jobs';
import { HttpError, defaultBodyLimitBytes, parseBody, readBody, sendJson, validate } from '../http';
import { pageOf } from '../paging';
import { pathParam, type Route } from '../router';
import { runViewOf, streamResumePoint, streamRunLogs } from '../runs/log-stream';
import { activeRunsOfJobs, cancelRun, cancelRuns } from '../runs/cancel-runs';
import { findRun, runnableJob } from '../runs/run-records';
import { fireJobs } from '../scheduling/fire-jobs';
import type { StoredJob } from '../state';
import { runLogView, runView } from '../views';

export const runRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/runs',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const body = validate(
        TriggerRunRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const { job, workspace, userId } = await ctx.store.read(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        return { job: await runnableJob(tx, workspace.id, body.job), workspace, userId: principal.user.id };
      });
      const [result] = await fireJobs(ctx, {
        workspaceId: workspace.id,
        inputs: [job.name],
        userId,
        profile: body.profile,
        refresh: body.refresh,
      });
      if (!result) throw new HttpError(409, `Job ${job.name} was not fired; try again.`);
      sendJson(res, result.status === 'triggered' ? 201 : 200, result);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/runs',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const page = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const paging = validate(PageQuerySchema, raw, 'query');
        const query = validate(RunListQuerySchema, raw, 'query');
        const jobs = new Map((await tx.list('jobs', { workspace_id: workspace.id })).map((job) => [job.id, job]));
        const job = query.job === undefined ? undefined : await findJob(tx, workspace.id, query.job);
        const where = {
          workspace_id: workspace.id,
          ...(job ? { job_id: job.id } : {}),
          ...(query.status ? { status: query.status } : {}),
        };
        // Newest first, one page read: a job scheduled every minute makes 43,000 runs a month.
        return pageOf(tx, 'runs', where, { descending: true }, paging, (run) =>
          runView(run, jobs.get(run.job_id)?.name ?? run.job_id),
        );
      });
      sendJson(res, 200, page);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/runs/cancel',
    handle: async ({ ctx, req, res, params }) => {
      await authenticated(ctx, req);
      const body = validate(
        CancelJobRunsRequestSchema,
        parseBody(req, await readBody(req, defaultBodyLimitBytes)),
        'body',
      );
      const active = await ctx.store.read(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        // Every name must be a job of this workspace (404 otherwise) before anything is stopped.
        const jobs = new Map<string, StoredJob>();
        for (const name of body.jobs) {
          const job = await findJob(tx, workspace.id, name);
          jobs.set(job.id, job);
        }
        return activeRunsOfJobs(tx, [...jobs.values()]);
      });
      const result: CancelJobRunsResult = {
        cancelled: await cancelRuns(
          ctx,
          active.map((run) => run.id),
        ),
      };
      sendJson(res, 200, result);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/runs/:run',
    handle: async ({ ctx, req, res, params }) => {
      const view = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        return runViewOf(tx, await findRun(tx, workspace.id, pathParam(params, 'run')));
      });
      sendJson(res, 200, view);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/runs/:run/cancel',
    handle: async ({ ctx, req, res, params }) => {
      const run = await ctx.store.read(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        const found = await findRun(tx, workspace.id, pathParam(params, 'run'));
        if (isTerminalRunStatus(found.status))
          throw new HttpError(409, `Run # ${found.number} is already in a terminal state: ${found.status}.`);
        return found;
      });
      sendJson(res, 200, await cancelRun(ctx, run.id));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/runs/:run/logs',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const page = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const query = validate(RunLogQuerySchema, raw, 'query');
        const run = await findRun(tx, workspace.id, pathParam(params, 'run'));
        const lines = await tx.list('run_logs', { run_id: run.id }, { by: 'line_num', ...query });
        return {
          items: lines.map(runLogView),
          total: await tx.count('run_logs', { run_id: run.id }),
          limit: query.limit,
          offset: query.offset,
        };
      });
      sendJson(res, 200, page);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/runs/:run/logs/stream',
    handle: async ({ ctx, req, res, params, url }) => {
      const after = streamResumePoint(req, url);
      const runId = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        return (await findRun(tx, workspace.id, pathParam(params, 'run'))).id;
      });
      await streamRunLogs(ctx, res, runId, after);
    },
  },
];
