/**
 * Adding a named destination to profiles (dlt-semantics §3.6): `[destination.<name>] destination_type`
 * and the plugin's scaffold go to `.dlt/<profile>.config.toml`, credentials to `.dlt/<profile>.secrets.toml`
 * only. Keys already present are kept as they are.
 */
import type { DestinationScaffold, Registry } from '@dlthub/config-core';
import { DlthubError, assertProfileName, profileFileName, profileScope } from '@dlthub/config-core';
import { destinationRequirements, planDependencyMerge } from './dependencies';
import type { FileHost } from './file-host';
import { hostPath, SECRETS_FILE_MODE } from './file-host';
import { assertDestinationName } from './names';
import type { FilePlan, PlannedFile } from './plan';
import { displayPath, makePlan } from './plan';
import { profileHeader } from './profile';
import type { TomlScalar } from './toml-keys';
import { addTomlKey } from './toml-keys';

export interface AddDestinationOptions {
  directory: string;
  name: string;
  type: string;
  profiles: string[];
  registry: Registry;
  /** Merge the destination's Python requirements into the project's dependency file (default true). */
  dependencies?: boolean;
}

export function unknownDestinationError(type: string, registry: Registry): DlthubError {
  const known = registry.destinationTypes();
  return new DlthubError('UnknownDestinationType', `Unknown destination type "${type}".`, {
    hint: known.length > 0 ? `Registered types: ${known.join(', ')}.` : 'No destination plugins are registered.',
  });
}

function isScalar(value: unknown): value is TomlScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Adds each key that is missing; the entry is CREATE, UPDATE or KEEP depending on what changed. */
export function planTomlAdditions(
  host: FileHost,
  filePath: string,
  shownPath: string,
  initial: string,
  entries: Array<[readonly string[], TomlScalar, string?]>,
  mode?: number,
): PlannedFile {
  const existing = host.read(filePath);
  let content = existing ?? initial;
  for (const [keyPath, value, comment] of entries) content = addTomlKey(content, keyPath, value, shownPath, comment);
  if (existing === null) return { path: filePath, action: 'CREATE', content, mode };
  if (content === existing) return { path: filePath, action: 'KEEP', reason: 'keys already present' };
  return { path: filePath, action: 'UPDATE', content, mode };
}

function scaffoldEntries(
  prefix: readonly string[],
  values: Readonly<Record<string, unknown>>,
): Array<[readonly string[], TomlScalar]> {
  // A nested configuration (ducklake's `catalog`, `storage`) is a table of its own under the credentials.
  return Object.entries(values).flatMap(([key, value]): Array<[readonly string[], TomlScalar]> => {
    if (isScalar(value)) return [[[...prefix, key], value]];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return scaffoldEntries([...prefix, key], value as Record<string, unknown>);
    }
    return [];
  });
}

export function planAddDestination(host: FileHost, options: AddDestinationOptions): FilePlan {
  assertDestinationName(options.name);
  const definition = options.registry.getDestination(options.type);
  if (!definition) throw unknownDestinationError(options.type, options.registry);
  if (options.profiles.length === 0) {
    throw new DlthubError('Usage', `No profile given for destination "${options.name}".`, {
      hint: 'Pass --profile <name>.',
    });
  }
  for (const profile of options.profiles) assertProfileName(profile, 'a profile to add the destination to');

  const plan = { directory: options.directory };
  const files: PlannedFile[] = [];
  const requirements: string[] = [];
  for (const profile of [...new Set(options.profiles)]) {
    const scaffold: DestinationScaffold =
      profileScope(profile, options.registry) === 'local' ? definition.scaffold.dev : definition.scaffold.prod;
    requirements.push(...destinationRequirements(definition, scaffold.config));
    const section = ['destination', options.name];
    const configPath = hostPath(options.directory, `.dlt/${profileFileName(profile, 'config')}`);
    files.push(
      planTomlAdditions(host, configPath, displayPath(plan, configPath), profileHeader(options.registry, profile), [
        [[...section, 'destination_type'], definition.type],
        ...scaffoldEntries(section, scaffold.config),
      ]),
    );
    const credentials = scaffoldEntries([...section, 'credentials'], scaffold.credentials);
    if (credentials.length > 0) {
      const secretsPath = hostPath(options.directory, `.dlt/${profileFileName(profile, 'secrets')}`);
      files.push(
        planTomlAdditions(host, secretsPath, displayPath(plan, secretsPath), '', credentials, SECRETS_FILE_MODE),
      );
    }
  }
  const notes: string[] = [];
  if (options.dependencies !== false) {
    const merge = planDependencyMerge(host, options.directory, [...new Set(requirements)]);
    if (merge.file) files.push(merge.file);
    notes.push(...merge.notes);
  }
  return makePlan(options.directory, files, notes);
}
