import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** `jobs.<name>` or `jobs.<section>.<name>`, each part a Python identifier (reference deployments.md §2.1). */
export const jobRefPattern = /^jobs\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
export const JobRefSchema = z.string().regex(jobRefPattern, 'a job ref is jobs.<name> or jobs.<section>.<name>');

export const JobTypeSchema = z.enum(['batch', 'interactive', 'stream']);
export type JobType = z.infer<typeof JobTypeSchema>;

export const EntryPointSchema = z.looseObject({
  module: z.string().min(1),
  function: z.string().min(1).nullable(),
  job_type: JobTypeSchema,
  launcher: z.string().min(1),
});

/**
 * One job of a deployment manifest (reference §3). The keys the control plane acts on are typed; the rest
 * (expose, deliver, interval, …) is kept as sent, so a newer manifest engine loses nothing.
 */
export const JobDefinitionSchema = z.looseObject({
  job_ref: JobRefSchema,
  description: z.string().optional(),
  entry_point: EntryPointSchema,
  triggers: z.array(z.string().min(1)).default([]),
  /** `concurrency` (default 1, null = unlimited) and `timeout` (`{timeout, grace_period}` seconds). */
  execute: z.record(z.string(), z.unknown()).default({}),
  require: z.record(z.string(), z.unknown()).optional(),
  default_trigger: z.string().min(1).optional(),
});
export type JobDefinition = z.infer<typeof JobDefinitionSchema>;
export type JobDefinitionInput = z.input<typeof JobDefinitionSchema>;

/** Manifests (and their uploads) larger than this are refused with 413. */
export const manifestMaxBytes = 1024 * 1024;

/**
 * `POST /api/v1/workspaces/{id}/deploy`: the manifest to reconcile into the workspace's jobs.
 * `deployment_module: null` is an ad-hoc run of one file: jobs missing from it are not archived.
 */
export const DeployManifestRequestSchema = z.object({
  engine_version: z.number().int().positive().default(2),
  deployment_module: z.string().min(1).nullable().default('__deployment__'),
  description: z.string().max(1000).optional(),
  jobs: z
    .array(JobDefinitionSchema)
    .max(1000)
    .refine((jobs) => new Set(jobs.map((job) => job.job_ref)).size === jobs.length, {
      message: 'job refs must be unique',
    }),
  /** Plan only: the answer says what would change; nothing is stored. */
  dry_run: z.boolean().default(false),
});
export type DeployManifestRequest = z.input<typeof DeployManifestRequestSchema>;

export const UpdatedJobSchema = z.object({
  job_ref: JobRefSchema,
  previous_version: z.number().int().positive().nullable(),
  version: z.number().int().positive(),
});

/** What a manifest changed (or, with `dry_run`, would change). */
export const DeployManifestResultSchema = z.object({
  dry_run: z.boolean(),
  deployment_module: z.string().nullable(),
  added: z.array(JobRefSchema),
  /** Definition changed, or an archived job came back. */
  updated: z.array(UpdatedJobSchema),
  unchanged: z.array(JobRefSchema),
  /** Active before, absent now: history kept, triggers stop. */
  archived: z.array(JobRefSchema),
  warnings: z.array(z.string()),
});
export type DeployManifestResult = z.infer<typeof DeployManifestResultSchema>;

/**
 * A job of a workspace. `name` is its job ref. Jobs made without a manifest (seeded) have no version and
 * no definition yet. `active: false` = archived.
 */
export const JobSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  workspace_id: IdSchema,
  active: z.boolean(),
  job_type: JobTypeSchema.nullable().optional(),
  version: z.number().int().positive().nullable().optional(),
  description: z.string().nullable().optional(),
  triggers: z.array(z.string()).optional(),
  default_trigger: z.string().nullable().optional(),
  definition: JobDefinitionSchema.nullable().optional(),
  updated_at: TimestampSchema.nullable().optional(),
  /** Paused jobs fire no clock triggers and no follow-ups (explicit triggers still run). */
  paused: z.boolean().optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** `GET …/jobs`: archived jobs are left out unless `archived=true`. */
export const JobListQuerySchema = z.object({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
