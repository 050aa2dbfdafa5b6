/**
 * `config validate`'s dependency check: a destination of the profile whose Python requirement (its plugin's
 * `pythonRequirements`) the project's pyproject.toml / requirements.txt does not list.
 */
import type { Registry, Workspace } from '@dlthub/config-core';

export interface DependencyIssue {
  kind: 'dependency';
  key: string;
  file?: string;
  message: string;
}

/** A destination that resolved: its type and destination-level config (which picks extra drivers, e.g. filesystem's bucket_url scheme). */
export interface DestinationConfig {
  name: string;
  type: string;
  config: Record<string, unknown>;
}

export function dependencyIssues(
  workspace: Workspace,
  registry: Registry,
  uses: readonly DestinationConfig[],
): DependencyIssue[] {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const host = scaffold.nodeFileHost(workspace.rootDir);
  return scaffold.missingDestinationRequirements(host, '', registry, uses).map((missing) => ({
    kind: 'dependency',
    key: `destination.${missing.destination}`,
    file: missing.file,
    message: missing.message,
  }));
}
