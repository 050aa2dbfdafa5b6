/**
 * `config validate`'s dependency check: each destination's Python requirement (its plugin's
 * `pythonRequirements`) must be listed in the project's pyproject.toml / requirements.txt.
 */
import type { Registry } from '@dlthub/config-core';
import { destinationRequirements, projectDependencies } from './dependencies';
import type { FileHost } from './file-host';
import { displayPath } from './plan';
import { missingRequirements } from './requirements';

export interface MissingRequirement {
  destination: string;
  type: string;
  /** Requirements not satisfied by the dependency file. */
  missing: string[];
  /** The dependency file checked (workspace-relative). */
  file: string;
  message: string;
}

export interface DestinationUse {
  name: string;
  type: string;
  /** Resolved destination-level config (filesystem's bucket_url picks the fsspec driver). */
  config?: Readonly<Record<string, unknown>>;
}

export function missingDestinationRequirements(
  host: FileHost,
  directory: string,
  registry: Registry,
  destinations: readonly DestinationUse[],
): MissingRequirement[] {
  const project = projectDependencies(host, directory);
  // Without a readable PEP 621 / requirements.txt list the dependencies live elsewhere: nothing to check against.
  if (!project || project.requirements === null) return [];
  const file = displayPath({ directory }, project.path);
  const results: MissingRequirement[] = [];
  for (const destination of destinations) {
    const definition = registry.getDestination(destination.type);
    if (!definition) continue;
    const wanted = destinationRequirements(definition, destination.config ?? {});
    const missing = missingRequirements(project.requirements, wanted);
    if (missing.length === 0) continue;
    results.push({
      destination: destination.name,
      type: destination.type,
      missing,
      file,
      message: `destination ${destination.name} (${destination.type}): ${file} does not list ${missing.join(', ')}; add it to the project's dependencies.`,
    });
  }
  return results;
}
