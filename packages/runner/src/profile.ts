/**
 * Which profile a run uses (reference deployments.md §2.3, §5): an explicit request wins (a run request's
 * `profile`, or `dlthub local run`'s active local profile); else the job's `require.profile`; else batch jobs
 * take `prod` and interactive jobs `access`, falling back to `prod` when the configuration has no `access`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobDefinition } from '@dlthub/deployment';

export interface ProfileChoice {
  profile: string;
  /** Where the choice came from, for the run banner. */
  source: 'request' | 'require.profile' | 'job type' | 'fallback';
  /** Said when the choice overrides what the job declares, or falls back. */
  warning?: string;
}

/** Profiles with a `<profile>.config.toml` or `<profile>.secrets.toml` in a `.dlt` dir. */
export function configuredProfiles(dltDir: string): Set<string> {
  const found = new Set<string>();
  let names: string[];
  try {
    names = fs.readdirSync(dltDir);
  } catch {
    return found;
  }
  for (const name of names) {
    const match = /^([^.]+)\.(config|secrets)\.toml$/.exec(name);
    if (match?.[1]) found.add(match[1]);
  }
  return found;
}

export function selectProfile(
  job: Pick<JobDefinition, 'job_ref' | 'entry_point' | 'require'>,
  options: { requested?: string; configured: ReadonlySet<string> },
): ProfileChoice {
  const declared = typeof job.require?.['profile'] === 'string' ? job.require['profile'] : undefined;
  if (options.requested) {
    return {
      profile: options.requested,
      source: 'request',
      warning:
        declared && declared !== options.requested
          ? `${job.job_ref} declares require.profile "${declared}"; running with "${options.requested}"`
          : undefined,
    };
  }
  if (declared) return { profile: declared, source: 'require.profile' };
  if (job.entry_point.job_type !== 'interactive') return { profile: 'prod', source: 'job type' };
  if (options.configured.has('access')) return { profile: 'access', source: 'job type' };
  return {
    profile: 'prod',
    source: 'fallback',
    warning: "No 'access' profile detected. Interactive jobs will use `prod` profile.",
  };
}

export function dltDirOf(runDir: string): string {
  return path.join(runDir, '.dlt');
}
