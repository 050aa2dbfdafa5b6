/** Option parsing shared by the generators; every failure is one DlthubError that says what to pass. */
import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';
import { DlthubError, assertProfileName, type Registry } from '@dlthub/config-core';

const DESTINATION_NAME = /^[a-z][a-z0-9_]*$/;
const WORKSPACE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** `--profiles dev,prod` (Nx may also hand over an array when given twice). */
export function parseProfiles(value: string | readonly string[] | undefined, fallback: readonly string[]): string[] {
  const raw =
    value === undefined
      ? [...fallback]
      : (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(','));
  const profiles = [...new Set(raw.map((item) => item.trim()).filter((item) => item !== ''))];
  if (profiles.length === 0) {
    throw new DlthubError('Usage', '--profiles is empty.', {
      hint: 'Pass a comma-separated list, e.g. --profiles dev,prod.',
    });
  }
  for (const profile of profiles) assertProfileName(profile, '--profiles');
  return profiles;
}

export function assertDestinationName(name: string | undefined): string {
  if (!name || !DESTINATION_NAME.test(name)) {
    throw new DlthubError('Usage', `Invalid destination name "${name ?? ''}".`, {
      hint: 'Use lower case letters, digits and "_", starting with a letter (e.g. "warehouse"); it becomes [destination.<name>].',
    });
  }
  return name;
}

export function assertWorkspaceName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (!WORKSPACE_NAME.test(trimmed)) {
    throw new DlthubError('Usage', `Invalid workspace name "${name ?? ''}".`, {
      hint: 'Use letters, digits, "_" or "-", starting with a letter (e.g. "analytics"); it names the Nx project and the Python project.',
    });
  }
  return trimmed;
}

export function assertDestinationType(registry: Registry, type: string | undefined, option: string): string {
  if (type && registry.getDestination(type)) return type;
  const known = registry.destinationTypes();
  throw new DlthubError('UnknownDestinationType', `Unknown destination type "${type ?? ''}" (${option}).`, {
    hint: known.length > 0 ? `Registered types: ${known.join(', ')}.` : 'No destination plugins are registered.',
  });
}

/** A tree-relative directory inside the repository, '/' separated, never escaping it. */
export function normalizeDirectory(tree: Tree, directory: string): string {
  const normalized = posix.normalize(directory.trim().replace(/\\/g, '/')).replace(/\/+$/, '');
  if (
    normalized === '' ||
    normalized === '.' ||
    normalized.startsWith('../') ||
    normalized === '..' ||
    posix.isAbsolute(normalized)
  ) {
    throw new DlthubError('Usage', `Invalid --directory "${directory}".`, {
      hint: `Pass a folder inside the repository (${tree.root}), relative to its root, e.g. "workspaces/analytics".`,
    });
  }
  return normalized;
}
