/**
 * The project's Python dependencies: which file holds them (pyproject.toml wins over requirements.txt,
 * as dlt's dependency-system detection does), what they list, and the plan entry that merges what a
 * destination or a source needs into them.
 */
import type { DestinationDefinition } from '@dlthub/config-core';
import type { FileHost } from './file-host';
import { hostPath } from './file-host';
import type { PlannedFile } from './plan';
import { DLT_REQUIREMENT } from './workspace-templates';
import {
  mergePyprojectDependencies,
  normalizeName,
  parseRequirement,
  planRequirementEdits,
  mergeRequirementsTxt,
  missingRequirements,
  readPyprojectDependencies,
  readRequirementsTxt,
} from './requirements';

export type DependencyFile = 'pyproject.toml' | 'requirements.txt';

export interface ProjectDependencies {
  file: DependencyFile;
  /** Host path of the file. */
  path: string;
  /** Its requirement strings; null when they cannot be read (no `[project] dependencies`, bad TOML). */
  requirements: string[] | null;
}

export function projectDependencies(host: FileHost, directory: string): ProjectDependencies | null {
  const pyprojectPath = hostPath(directory, 'pyproject.toml');
  const pyproject = host.read(pyprojectPath);
  if (pyproject !== null) {
    let requirements: string[] | null;
    try {
      requirements = readPyprojectDependencies(pyproject);
    } catch {
      requirements = null;
    }
    return { file: 'pyproject.toml', path: pyprojectPath, requirements };
  }
  const requirementsPath = hostPath(directory, 'requirements.txt');
  const requirementsTxt = host.read(requirementsPath);
  if (requirementsTxt !== null) {
    return { file: 'requirements.txt', path: requirementsPath, requirements: readRequirementsTxt(requirementsTxt) };
  }
  return null;
}

/** A destination's requirements for the given destination-level config (none when the plugin declares none). */
export function destinationRequirements(
  definition: DestinationDefinition,
  config: Readonly<Record<string, unknown>> = {},
): string[] {
  return [...(definition.pythonRequirements?.(config) ?? [])];
}

/**
 * Requirements naming dlt get the supported dlt range first, so a project that does not list dlt yet gets
 * `dlt[postgres]>=1.27.2,<2` rather than an unbounded `dlt[postgres]` (a listed dlt keeps its own range).
 */
export function withDltRange(requirements: readonly string[]): string[] {
  const namesDlt = requirements.some((requirement) => parseRequirement(requirement)?.key === normalizeName('dlt'));
  return namesDlt ? [DLT_REQUIREMENT, ...requirements] : [...requirements];
}

export interface DependencyMerge {
  /** The plan entry for the dependency file; absent when there is no file and none may be created. */
  file?: PlannedFile;
  /** What the user must add by hand (the file could not be edited safely). */
  notes: string[];
}

export interface DependencyMergeOptions {
  /** Content for a new dependency file when the project has none (dlt init writes requirements.txt). */
  createRequirementsTxt?: boolean;
}

function manualNote(file: string, reason: string, requirements: readonly string[]): string {
  return `${file} was left as it is (${reason}); add to your dependencies: ${requirements.join(', ')}`;
}

/**
 * Merges `wanted` into the project's dependency file: only missing projects are appended, only missing
 * extras are added to a listed project, version ranges and everything else in the file stay.
 */
export function planDependencyMerge(
  host: FileHost,
  directory: string,
  wanted: readonly string[],
  options: DependencyMergeOptions = {},
): DependencyMerge {
  const existing = projectDependencies(host, directory);
  if (wanted.length === 0) return { notes: [] };
  // What to write: dlt's range first; each project once, with all its extras (`dlt[postgres]>=1.27.2,<2`).
  const combined = planRequirementEdits([], withDltRange(wanted)).map((edit) => edit.text);
  if (!existing) {
    if (!options.createRequirementsTxt) {
      return {
        notes: [`No pyproject.toml or requirements.txt here; add to your dependencies: ${combined.join(', ')}`],
      };
    }
    const path = hostPath(directory, 'requirements.txt');
    const content = mergeRequirementsTxt('', combined) ?? '';
    return { file: { path, action: 'CREATE', content }, notes: [] };
  }
  const text = host.read(existing.path) ?? '';
  const missing = missingRequirements(existing.requirements ?? [], wanted);
  if (existing.file === 'requirements.txt') {
    const merged = mergeRequirementsTxt(text, combined);
    return merged === null
      ? { file: { path: existing.path, action: 'KEEP', reason: 'dependencies present' }, notes: [] }
      : {
          file: { path: existing.path, action: 'UPDATE', content: merged, reason: `added ${missing.join(', ')}` },
          notes: [],
        };
  }
  const merged = mergePyprojectDependencies(text, combined);
  if (!merged.ok) {
    return {
      file: { path: existing.path, action: 'KEEP', reason: merged.reason },
      notes: [manualNote(existing.file, merged.reason, combined)],
    };
  }
  return merged.content === null
    ? { file: { path: existing.path, action: 'KEEP', reason: 'dependencies present' }, notes: [] }
    : {
        file: { path: existing.path, action: 'UPDATE', content: merged.content, reason: `added ${missing.join(', ')}` },
        notes: [],
      };
}
