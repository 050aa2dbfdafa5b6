/**
 * dlt's built-in workspace profiles, with dlt's own descriptions (`dlt/_workspace/profile.py`).
 * `dev` and `tests` stay on the developer's machine; `prod` and `access` are synced to the dltHub platform.
 */
import { defineProfile } from '@dlthub/config-core';

export const devProfile = defineProfile({
  name: 'dev',
  scope: 'local',
  description: 'dev profile, workspace default',
  usedBy: 'local runs and development (the default)',
  isDefault: true,
});

export const testsProfile = defineProfile({
  name: 'tests',
  scope: 'local',
  description: 'profile assumed when running tests',
  usedBy: 'test runs',
});

export const prodProfile = defineProfile({
  name: 'prod',
  scope: 'synced',
  description: 'production profile, assumed by pipelines deployed in Runtime',
  usedBy: 'batch jobs on the dltHub platform',
});

export const accessProfile = defineProfile({
  name: 'access',
  scope: 'synced',
  description: 'production profile, assumed by interactive notebooks in Runtime, typically with limited access rights',
  usedBy: 'interactive jobs on the dltHub platform (notebooks, dashboards, MCP)',
  // dlt: interactive jobs run with `access` when it is configured, else with `prod`.
  fallback: 'prod',
});

export const builtinProfiles = [devProfile, testsProfile, prodProfile, accessProfile] as const;
