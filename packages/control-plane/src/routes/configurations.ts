import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ConfigurationUploadRequestSchema,
  PageQuerySchema,
  configurationContentHash,
  configurationMaxBytes,
  type ConfigurationUploadResult,
} from '@dlthub/api-schema';
import { paginate, requireWriter, visibleWorkspace } from '../access';
import { authenticate } from '../authenticate';
import { HttpError, parseBody, readBody, sendJson, validate } from '../http';
import type { Route } from '../router';
import type { State, StoredConfiguration } from '../state';
import { configurationsDirName } from '../store';
import { configurationView } from '../views';

function versionsOf(state: State, workspaceId: string): StoredConfiguration[] {
  return state.configurations.filter((c) => c.workspace_id === workspaceId).sort((a, b) => b.version - a.version);
}

export const configurationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/workspaces/:id/configurations',
    handle: async ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      ctx.limiters.uploads.take(principal.user.id, 'configuration uploads by this user');
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
      const { state } = ctx.store;
      const workspace = visibleWorkspace(state, principal, params.id);
      requireWriter(state, principal, workspace.organization_id);
      // Dedupe against the latest version only: re-uploading an older content makes it current again.
      const latest = versionsOf(state, workspace.id)[0];
      if (latest && latest.content_hash === contentHash) {
        const unchanged: ConfigurationUploadResult = { ...configurationView(latest), created: false };
        sendJson(res, 200, unchanged);
        return;
      }
      const id = randomUUID();
      // The content (secrets included) goes to its own encrypted 0600 file before the version becomes visible.
      const blob = join(configurationsDirName, `${id}.json`);
      await ctx.store.writeBlob(blob, JSON.stringify(content));
      const outcome = await ctx.store
        .mutate((current) => {
          // Checked again here: a concurrent identical upload may have landed while the blob was written.
          const newest = versionsOf(current, workspace.id)[0];
          if (newest && newest.content_hash === contentHash) return { record: newest, created: false };
          const record: StoredConfiguration = {
            id,
            workspace_id: workspace.id,
            version: (newest?.version ?? 0) + 1,
            content_hash: contentHash,
            profiles: Object.keys(body.profiles).sort(),
            size: raw.length,
            created_at: ctx.now().toISOString(),
          };
          current.configurations.push(record);
          return { record, created: true };
        })
        .catch((error: unknown) => {
          ctx.store.removeBlob(blob);
          throw error;
        });
      // A concurrent identical upload won: this blob has no record.
      if (!outcome.created) ctx.store.removeBlob(blob);
      const result: ConfigurationUploadResult = { ...configurationView(outcome.record), created: outcome.created };
      sendJson(res, outcome.created ? 201 : 200, result);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/configurations',
    handle: ({ ctx, req, res, params, url }) => {
      const principal = authenticate(ctx, req);
      const query = validate(PageQuerySchema, Object.fromEntries(url.searchParams), 'query');
      const { state } = ctx.store;
      const workspace = visibleWorkspace(state, principal, params.id);
      sendJson(res, 200, paginate(versionsOf(state, workspace.id).map(configurationView), query));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/workspaces/:id/configurations/latest',
    handle: ({ ctx, req, res, params }) => {
      const principal = authenticate(ctx, req);
      const { state } = ctx.store;
      const workspace = visibleWorkspace(state, principal, params.id);
      const latest = versionsOf(state, workspace.id)[0];
      if (!latest) throw new HttpError(404, `Workspace ${workspace.id} has no configuration yet.`);
      sendJson(res, 200, configurationView(latest));
    },
  },
];
