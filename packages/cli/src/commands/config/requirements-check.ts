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

/** `destinations`: the checked destinations that resolved, with their type. */
export function dependencyIssues(
  workspace: Workspace,
  registry: Registry,
  destinations: ReadonlyArray<{ name: string; type: string | null; ok: boolean }>,
): DependencyIssue[] {
  const scaffold = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const uses = destinations.flatMap((entry) => {
    if (!entry.ok || entry.type === null) return [];
    // The destination-level config picks extra drivers (filesystem: bucket_url scheme).
    const resolved = workspace.resolveDestination(entry.name);
    const config = Object.fromEntries(Object.entries(resolved.config).map(([field, source]) => [field, source.value]));
    return [{ name: entry.name, type: entry.type, config }];
  });
  const host = scaffold.nodeFileHost(workspace.rootDir);
  return scaffold.missingDestinationRequirements(host, '', registry, uses).map((missing) => ({
    kind: 'dependency',
    key: `destination.${missing.destination}`,
    file: missing.file,
    message: missing.message,
  }));
}
