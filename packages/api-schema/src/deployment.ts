import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/**
 * A code package (reference deployments.md §1.1): the gzipped tarball `dlthub deploy` builds, `files/<path>`
 * entries, `requirements.json` and `manifest.yaml`. It is uploaded as the raw request body (`content-type: application/gzip`);
 * uploads larger than this are refused with 413.
 */
export const deploymentMaxBytes = 16 * 1024 * 1024;
export const deploymentMediaType = 'application/gzip';

/** One file of a code package, as the package's files manifest lists it. */
export const DeploymentFileSchema = z.object({
  relative_path: z.string().min(1),
  size_in_bytes: z.number().int().nonnegative(),
  /** base64 SHA3-256 of the content (of the link target for a symlink). */
  sha3_256: z.string(),
  linkname: z.string().optional(),
});
export type DeploymentFile = z.infer<typeof DeploymentFileSchema>;

/** A stored version of a workspace's code; versions count up per workspace. */
export const DeploymentSchema = z.object({
  id: IdSchema,
  workspace_id: IdSchema,
  version: z.number().int().positive(),
  /** Package content hash (reference §1.1), recomputed by the server from the files. */
  content_hash: z.string().min(1),
  file_count: z.number().int().nonnegative(),
  /** Bytes of the uploaded tarball. */
  size: z.number().int().nonnegative(),
  created_by: IdSchema,
  created_at: TimestampSchema,
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** Answer of an upload: `created: false` when the content hash equals the latest version's (no new version). */
export const DeploymentUploadResultSchema = DeploymentSchema.extend({ created: z.boolean() });
export type DeploymentUploadResult = z.infer<typeof DeploymentUploadResultSchema>;

/**
 * The package's `requirements.json` (reference §6): the Python version, the dependency groups and what each
 * launcher adds. Unknown keys are kept: the description belongs to the package, not to this schema.
 */
export const DeploymentRequirementsSchema = z
  .object({
    engine_version: z.number().int(),
    python_version: z.string(),
    dlt_version: z.object({ name: z.string() }).passthrough().nullable(),
    default_groups: z.array(z.string()),
    groups: z.record(z.string(), z.array(z.string())),
    launcher_requirements: z.record(z.string(), z.array(z.string())),
  })
  .passthrough();
export type DeploymentRequirements = z.infer<typeof DeploymentRequirementsSchema>;

/** `GET …/deployments/{version}/files`: the files manifest of one version, and its dependency description. */
export const DeploymentFilesSchema = z.object({
  engine_version: z.number().int(),
  files: z.array(DeploymentFileSchema),
  /** Null for a package uploaded without `requirements.json`. */
  requirements: DeploymentRequirementsSchema.nullable().optional(),
});
export type DeploymentFiles = z.infer<typeof DeploymentFilesSchema>;
