/**
 * A file plan: what a scaffolder would do to each file, computed before anything is written,
 * so `--dry-run` prints exactly what a real run does and conflicts abort before the first write.
 */
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';
import type { FileHost } from './file-host';

/** dlt prints CREATE / KEEP / CONFLICT; OVERWRITE (with --force) and UPDATE (a merge into an existing file) are ours. */
export type PlanAction = 'CREATE' | 'KEEP' | 'CONFLICT' | 'OVERWRITE' | 'UPDATE';

export interface PlannedFile {
  /** Host-relative path ('/' separators). */
  path: string;
  action: PlanAction;
  /** New content for CREATE / OVERWRITE / UPDATE. */
  content?: string;
  mode?: number;
  reason?: string;
}

export interface FilePlan {
  /** Host-relative directory of the workspace the plan is for ('' or '.' = the host root). */
  directory: string;
  files: PlannedFile[];
  hasConflicts: boolean;
  /** Lines printed before the file list (what is being created, detected tools). */
  notes: string[];
}

export function makePlan(directory: string, files: PlannedFile[], notes: string[] = []): FilePlan {
  return { directory, files, hasConflicts: files.some((file) => file.action === 'CONFLICT'), notes };
}

const WRITING_ACTIONS: ReadonlySet<PlanAction> = new Set(['CREATE', 'OVERWRITE', 'UPDATE']);

/** Files the plan changes. */
export function changedFiles(plan: FilePlan): PlannedFile[] {
  return plan.files.filter((file) => WRITING_ACTIONS.has(file.action));
}

/** Throws the `Conflict` error a plan with a CONFLICT entry fails with (a dry run fails the same way). */
export function assertNoConflicts(plan: FilePlan): void {
  if (plan.hasConflicts) {
    const conflicts = plan.files.filter((file) => file.action === 'CONFLICT');
    throw new DlthubError(
      'Conflict',
      `Nothing was written: ${conflicts.map((file) => `${displayPath(plan, file.path)}${file.reason ? ` (${file.reason})` : ''}`).join(', ')}.`,
      {
        hint: 'Re-run with --force to overwrite the conflicting files (config.toml and secrets.toml are never overwritten).',
      },
    );
  }
}

/** Writes every CREATE / OVERWRITE / UPDATE entry; writes nothing when the plan has a conflict. */
export function applyPlan(host: FileHost, plan: FilePlan): void {
  assertNoConflicts(plan);
  for (const file of changedFiles(plan)) {
    host.write(file.path, file.content ?? '', file.mode === undefined ? undefined : { mode: file.mode });
  }
}

/** The path as the user sees it: relative to the workspace directory. */
export function displayPath(plan: Pick<FilePlan, 'directory'>, hostRelative: string): string {
  const directory = plan.directory === '.' ? '' : plan.directory;
  return directory ? path.posix.relative(directory, hostRelative) || '.' : hostRelative;
}

export interface FormatPlanOptions {
  /** Print the notes before the file lines (default true). */
  notes?: boolean;
  /** Decorates the `[ACTION]` tag and the dim reason (the CLI colours them on a terminal). */
  style?: (part: PlanAction | 'reason', text: string) => string;
}

/** `[CREATE] .dlt/config.toml` lines, as dlt prints them, with the reason after the path. */
export function formatPlan(plan: FilePlan, options: FormatPlanOptions = {}): string {
  const style = options.style ?? ((_part: PlanAction | 'reason', text: string) => text);
  const width = Math.max(0, ...plan.files.map((file) => file.action.length + 2));
  const lines = plan.files.map((file) => {
    const tag = style(file.action, `[${file.action}]`.padEnd(width));
    return `${tag} ${displayPath(plan, file.path)}${file.reason ? style('reason', `  (${file.reason})`) : ''}`;
  });
  return [...(options.notes === false ? [] : plan.notes), ...lines].join('\n');
}
