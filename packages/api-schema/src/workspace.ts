import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** Workspace names are used on the command line (`workspace connect <name>`): keep them plain. */
export const workspaceNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export const WorkspaceSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  description: z.string().nullable(),
  organization_id: IdSchema,
  organization_name: z.string().min(1),
  /** The repository bound to this workspace; one repository per workspace and vice versa. */
  repository: z.string().nullable(),
  created_at: TimestampSchema,
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const CreateWorkspaceRequestSchema = z.object({
  name: z
    .string()
    .regex(
      workspaceNamePattern,
      'letters, digits, "_", "." and "-", starting with a letter or digit, at most 63 characters',
    ),
  description: z.string().max(1000).optional(),
});
export type CreateWorkspaceRequest = z.input<typeof CreateWorkspaceRequestSchema>;

/** `GET /api/v1/workspaces` takes an optional organization filter besides paging. */
export const WorkspaceListQuerySchema = z.object({
  organization_id: IdSchema.optional(),
});

/** `PUT /api/v1/workspaces/{id}/repository`. The repository is an opaque identifier (e.g. its git remote URL). */
export const RepositoryBindingRequestSchema = z.object({
  repository: z.string().trim().min(1).max(500),
});
export type RepositoryBindingRequest = z.input<typeof RepositoryBindingRequestSchema>;

export const RepositoryBindingSchema = z.object({
  workspace_id: IdSchema,
  repository: z.string().min(1),
  bound_at: TimestampSchema,
  /** Workspace the repository was bound to before, when it moved; its jobs were deactivated. */
  previous_workspace_id: IdSchema.nullable(),
  /** Number of active jobs of the previous binding that were deactivated (history kept). */
  deactivated_jobs: z.number().int().nonnegative(),
  /** Repository this workspace was bound to before, when it was replaced. */
  replaced_repository: z.string().nullable(),
});
export type RepositoryBinding = z.infer<typeof RepositoryBindingSchema>;
