/** dlt's job launchers (reference §3) and the packages each needs on top of the workspace's own (§6). */
export const LAUNCHERS = {
  job: 'dlt._workspace.deployment.launchers.job',
  module: 'dlt._workspace.deployment.launchers.module',
  marimo: 'dlt._workspace.deployment.launchers.marimo',
  mcp: 'dlt._workspace.deployment.launchers.mcp',
  streamlit: 'dlt._workspace.deployment.launchers.streamlit',
  dashboard: 'dlt._workspace.deployment.launchers.dashboard',
} as const;

export type LauncherName = keyof typeof LAUNCHERS;

const BASE = ['croniter', 'dlthub'];

export const LAUNCHER_REQUIREMENTS = {
  job: [...BASE, 'botocore', 's3fs'],
  module: [...BASE, 'botocore', 's3fs'],
  marimo: [...BASE, 'marimo', 'uvicorn'],
  mcp: [...BASE, 'fastmcp', 'uvicorn'],
  streamlit: [...BASE, 'streamlit'],
  dashboard: [...BASE, 'marimo', 'uvicorn'],
} as const satisfies Record<LauncherName, readonly string[]>;
