import { randomUUID } from 'node:crypto';
import {
  ConfigurationUploadRequestSchema,
  PageQuerySchema,
  configurationContentHash,
  configurationMaxBytes,
  type ConfigurationUploadResult,
} from '@dlthub/api-schema';
import { callerAndWorkspace, requireWriter } from '../access';
import { authenticated } from '../authenticate';
import { newestVersionFirst } from '../deployments/deployment-records';
import { HttpError, parseBody, readBody, sendJson, validate } from '../http';
import { pageOf } from '../paging';
import type { Route } from '../router';
import type { StoredConfiguration } from '../state';
import type { Tx } from '../store/types';
import { configurationView } from '../views';

/** Newest first; `limit` 1 for the latest alone. */
function versionsOf(tx: Tx, workspaceId: string, limit?: number): Promise<StoredConfiguration[]> {
  return tx.list('configurations', { workspace_id: workspaceId }, { ...newestVersionFirst, limit });
}

export const configurationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/configurations',
    handle: async ({ ctx, req, res, params }) => {
      const caller = await authenticated(ctx, req);
      ctx.limiters.uploads.take(caller.user.id, 'configuration uploads by this user');
      const raw = await readBody(req, configurationMaxBytes);
      const body = validate(ConfigurationUploadRequestSchema, parseBody(req, raw), 'body');
      const content = { profiles: body.profiles, workspace: body.workspace };
      const contentHash = configurationContentHash(content);
      if (body.content_hash !== undefined && body.content_hash !== contentHash) {
        throw new HttpError(
          400,
          `content_hash ${body.content_hash} does not match the uploaded content (${contentHash}).`,
        );
      }
      // The record and its encrypted content (secrets included) are written in one transaction: both or neither.
      const outcome = await ctx.store.write(async (tx) => {
        const { principal, workspace } = await callerAndWorkspace(ctx, tx, req, params);
        await requireWriter(tx, principal, workspace.organization_id);
        // Uploads to one workspace take turns (on PostgreSQL, across instances too): each sees the one before.
        await tx.find('workspaces', { id: workspace.id }, { lock: true });
        // Dedupe against the latest version only: re-uploading an older content makes it current again.
        const [latest] = await versionsOf(tx, workspace.id, 1);
        if (latest && latest.content_hash === contentHash) return { record: latest, created: false };
        const record: StoredConfiguration = {
          id: randomUUID(),
          workspace_id: workspace.id,
          version: (latest?.version ?? 0) + 1,
          content_hash: contentHash,
          profiles: Object.keys(body.profiles).sort(),
          size: raw.length,
          created_at: ctx.now().toISOString(),
        };
        await tx.insert('configurations', record);
        await tx.putConfigurationContent(record.id, JSON.stringify(content));
        return { record, created: true };
      });
      const result: ConfigurationUploadResult = { ...configurationView(outcome.record), created: outcome.created };
      sendJson(res, outcome.created ? 201 : 200, result);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/configurations',
    handle: async ({ ctx, req, res, params, url }) => {
      const raw = Object.fromEntries(url.searchParams);
      const page = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const paging = validate(PageQuerySchema, raw, 'query');
        return pageOf(
          tx,
          'configurations',
          { workspace_id: workspace.id },
          newestVersionFirst,
          paging,
          configurationView,
        );
      });
      sendJson(res, 200, page);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/configurations/latest',
    handle: async ({ ctx, req, res, params }) => {
      const latest = await ctx.store.read(async (tx) => {
        const { workspace } = await callerAndWorkspace(ctx, tx, req, params);
        const [newest] = await versionsOf(tx, workspace.id, 1);
        if (!newest) throw new HttpError(404, `Workspace ${workspace.id} has no configuration yet.`);
        return newest;
      });
      sendJson(res, 200, configurationView(latest));
    },
  },
];
