import { uiPaths, uiPrefix } from '@dlthub/api-schema';
import { visibleWorkspace } from '../access';
import { HttpError } from '../http';
import { pathParam, type Route } from '../router';
import { streamResumePoint, streamRunLogs } from '../runs/log-stream';
import { findRun } from '../runs/run-records';
import { sessionOf } from '../sessions';
import { homePage } from '../ui/home-page';
import { jobPage } from '../ui/job-page';
import { runPage } from '../ui/run-page';
import { runPageScript } from '../ui/run-page-script';
import { workspacePage } from '../ui/workspace-page';

/** The signed-in web pages (`/ui`), their script and the run log stream they read with the session cookie. */
export const uiRoutes: Route[] = [
  homePage,
  workspacePage,
  jobPage,
  runPage,
  {
    method: 'GET',
    path: `${uiPrefix}/workspaces/:id/runs/:run/logs/stream`,
    handle: async ({ ctx, req, res, params, url }) => {
      // EventSource cannot send a bearer token: the page's own session cookie (SameSite=Strict) stands in,
      // with the same access checks as the API's stream. The API itself never accepts the cookie.
      const after = streamResumePoint(req, url);
      const runId = await ctx.store.read(async (tx) => {
        const signedIn = await sessionOf(ctx, tx, req);
        if (!signedIn) throw new HttpError(401, 'Not signed in: reload the page to sign in again.');
        const workspace = await visibleWorkspace(tx, signedIn, pathParam(params, 'id'));
        return (await findRun(tx, workspace.id, pathParam(params, 'run'))).id;
      });
      await streamRunLogs(ctx, res, runId, after);
    },
  },
  {
    method: 'GET',
    path: uiPaths.runPageScript(),
    handle: ({ res }) => {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': Buffer.byteLength(runPageScript),
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(runPageScript);
    },
  },
];
