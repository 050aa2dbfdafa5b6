/**
 * `dlthub pipeline init <source> <destination>` as `dlt init` does it (dlt-semantics §1.6). The source is,
 * in this order, a bundled dlt core source (`rest_api`, `sql_database`, `filesystem`), a bundled generic
 * template, a verified source (`sources/<source>/` of the verified-sources repository, copied with the
 * shared modules it imports), or the `default` template named after it. The script goes to
 * `<source>_pipeline.py` with the destination filled in; the required source and destination keys go as
 * placeholders into the workspace-scoped `.dlt/config.toml` / `.dlt/secrets.toml` (never profile files),
 * keeping existing keys; the source's and destination's requirements are merged into the project's
 * dependencies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DestinationDefinition, FieldsSchema, Registry } from '@dlthub/config-core';
import { DlthubError, fieldKind } from '@dlthub/config-core';
import { parseToml } from '@dlthub/config-core/toml';
import { destinationRequirements, planDependencyMerge } from './dependencies';
import type { FileHost } from './file-host';
import { hostPath, SECRETS_FILE_MODE } from './file-host';
import type { FilePlan, PlannedFile } from './plan';
import { displayPath, makePlan } from './plan';
import { planTomlAdditions, unknownDestinationError } from './destination';
import { adaptVerifiedSource } from './python-inspect';
import type { PipelineTemplate, PlaceholderType } from './template-source';
import { DEFAULT_TEMPLATE, findBundledTemplate } from './template-source';
import type { TomlScalar } from './toml-keys';
import { hasTomlPath } from './toml-keys';
import {
  DEFAULT_VERIFIED_SOURCES_REPO,
  displayLocation,
  PIPELINE_SUFFIX,
  sourceFiles,
  sourceRequirements,
  verifiedSourceNames,
  withVerifiedSources,
} from './verified-sources';

/** dlt's placeholder for a required text value, and its inline comment. */
export const CONFIGURE_ME = '<configure me>';
export const FILL_THIS_IN = 'fill this in!';

export interface PipelineInitOptions {
  directory: string;
  source: string;
  destination: string;
  registry: Registry;
  /** The verified-sources repository: a git URL or a directory (dlt init --location); dlt's public one by default. */
  location?: string;
  /** Branch of the verified-sources repository (dlt init --branch). */
  branch?: string;
  /** Overwrite an existing pipeline script and source folder. */
  force?: boolean;
}

type Entry = [readonly string[], TomlScalar, string?];

function placeholder(type: PlaceholderType): [TomlScalar, string?] {
  if (type === 'int') return [0];
  if (type === 'bool') return [true];
  return [CONFIGURE_ME, FILL_THIS_IN];
}

/** Required fields of a zod object schema with the placeholder dlt would write; complex types are omitted (dlt). */
function requiredFields(schema: FieldsSchema): Array<[string, PlaceholderType]> {
  const placeholderOf: Partial<Record<string, PlaceholderType>> = { string: 'text', int: 'int', boolean: 'bool' };
  const fields: Array<[string, PlaceholderType]> = [];
  for (const [field, shapeEntry] of Object.entries(schema.shape)) {
    const fieldSchema = shapeEntry as unknown as Parameters<typeof fieldKind>[0];
    if (field === 'destination_type' || fieldSchema.safeParse(undefined).success) continue;
    const placeholderType = placeholderOf[fieldKind(fieldSchema).type];
    if (placeholderType) fields.push([field, placeholderType]);
  }
  return fields;
}

function destinationEntries(name: string, definition: DestinationDefinition): { config: Entry[]; secrets: Entry[] } {
  const section = ['destination', name];
  const config = requiredFields(definition.configSchema).map(([field, type]): Entry => [
    [...section, field],
    ...placeholder(type),
  ]);
  // dlt writes the credentials of the first variant of the union it would try.
  const variant = definition.credentialsSchemas[0];
  const secrets = variant
    ? requiredFields(variant.schema).map(([field, type]): Entry => [
        [...section, 'credentials', field],
        ...placeholder(type),
      ])
    : [];
  return { config, secrets };
}

/** The type of a named destination configured in the workspace files (`[destination.<name>] destination_type`). */
function namedDestinationType(host: FileHost, directory: string, name: string, registry: Registry): string | null {
  const candidates = [
    'config.toml',
    'secrets.toml',
    ...registry.profileNames().flatMap((p) => [`${p}.config.toml`, `${p}.secrets.toml`]),
  ];
  for (const file of candidates) {
    const text = host.read(hostPath(directory, `.dlt/${file}`));
    if (text === null || !hasTomlPath(text, ['destination', name, 'destination_type'], `.dlt/${file}`)) continue;
    const document = parseToml(text, `.dlt/${file}`) as {
      destination?: Record<string, { destination_type?: unknown }>;
    };
    const type = document.destination?.[name]?.destination_type;
    return typeof type === 'string' ? type : '';
  }
  return null;
}

const SOURCE_NAME = /^[a-z_][a-z0-9_]*$/;

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (token, key: string) => values[key] ?? token);
}

/** What `pipeline init` takes from the source, whichever kind it is. */
interface ResolvedSource {
  kind: 'core' | 'template' | 'verified';
  note: string;
  script: string;
  /** Files copied next to the script: path relative to the workspace → content. */
  files: Array<[string, Buffer]>;
  /** Folders those files belong to (a CONFLICT when they exist). */
  folders: string[];
  config: Entry[];
  secrets: Entry[];
  requirements: string[];
}

function fromTemplate(
  template: PipelineTemplate,
  source: string,
  destination: string,
  isDefault: boolean,
): ResolvedSource {
  const values = { source, destination, pipeline_name: `${source}_pipeline` };
  const keyEntries = (keys: Record<string, PlaceholderType>): Entry[] =>
    Object.entries(keys).map(([dotted, type]): Entry => [substitute(dotted, values).split('.'), ...placeholder(type)]);
  const what = template.kind === 'core' ? 'dlt core source' : 'dlt template';
  return {
    kind: template.kind,
    note: isDefault
      ? `Source "${source}" is not a core source, template or verified source: using the default template, named after it.`
      : `Using the ${what} ${template.name}: ${template.description}`,
    script: substitute(template.script, values),
    files: [],
    folders: [],
    config: keyEntries(template.config),
    secrets: keyEntries(template.secrets),
    requirements: template.requirements,
  };
}

/** Reads what a verified source brings from `sources/`; null when the repository has no such source. */
function fromVerifiedSources(
  sourcesDir: string,
  source: string,
  destination: string,
  shown: string,
): ResolvedSource | null {
  if (!verifiedSourceNames(sourcesDir).includes(source)) return null;
  const scriptFile = path.join(sourcesDir, `${source}${PIPELINE_SUFFIX}`);
  if (!fs.existsSync(scriptFile)) {
    throw new DlthubError(
      'NotFound',
      `Verified source ${source} has no example script ${source}${PIPELINE_SUFFIX} in ${shown}.`,
      {
        hint: 'A verified-sources repository holds sources/<name>/ and sources/<name>_pipeline.py.',
      },
    );
  }
  const readText = (relative: string) => fs.readFileSync(path.join(sourcesDir, relative), 'utf8');
  const own = sourceFiles(sourcesDir, source);
  const modules = Object.fromEntries(own.filter((file) => file.endsWith('.py')).map((file) => [file, readText(file)]));
  const adapted = adaptVerifiedSource(
    readText(`${source}${PIPELINE_SUFFIX}`),
    destination,
    modules,
    `${source}${PIPELINE_SUFFIX}`,
  );
  // Shared modules next to the source (`sources/_helpers/`, `sources/utils.py`) that it imports come along.
  const siblings = new Map(
    fs
      .readdirSync(sourcesDir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => [entry.isDirectory() ? entry.name : entry.name.replace(/\.py$/, ''), entry.name] as const),
  );
  const helpers = adapted.imports
    .filter((name) => name !== source && siblings.has(name))
    .map((name) => siblings.get(name) as string)
    .filter((entry) => !entry.endsWith(PIPELINE_SUFFIX));
  const copied = [...own, ...helpers.flatMap((helper) => sourceFiles(sourcesDir, helper))];
  const section = ['sources', source];
  return {
    kind: 'verified',
    note: `Using the verified source ${source} from ${shown}.`,
    script: adapted.script,
    files: copied.map((file) => [file, fs.readFileSync(path.join(sourcesDir, file))]),
    folders: [source, ...helpers.filter((helper) => fs.statSync(path.join(sourcesDir, helper)).isDirectory())],
    config: Object.entries(adapted.config).map(([key, type]): Entry => [[...section, key], ...placeholder(type)]),
    secrets: Object.entries(adapted.secrets).map(([key, type]): Entry => [[...section, key], ...placeholder(type)]),
    requirements: sourceRequirements(sourcesDir, source),
  };
}

/** dlt init's lookup order: core sources, templates, then the verified-sources repository, then `default`. */
function resolveSource(options: PipelineInitOptions, destination: string): ResolvedSource {
  const { source } = options;
  const bundled = findBundledTemplate(source);
  if (bundled && source !== DEFAULT_TEMPLATE) return fromTemplate(bundled, source, destination, false);
  const location = options.location ?? DEFAULT_VERIFIED_SOURCES_REPO;
  const shown = displayLocation(location);
  let verified: ResolvedSource | null;
  try {
    verified = withVerifiedSources(location, options.branch, (sourcesDir) =>
      fromVerifiedSources(sourcesDir, source, destination, shown),
    );
  } catch (error) {
    // Offline, dlt's public repository is out of reach: a name no one can check falls back to the default template.
    if (options.location !== undefined || (error as DlthubError).code !== 'Network') throw error;
    const fallback = fromTemplate(findBundledTemplate(DEFAULT_TEMPLATE) as PipelineTemplate, source, destination, true);
    return { ...fallback, note: `${(error as Error).message} ${fallback.note}` };
  }
  return verified ?? fromTemplate(findBundledTemplate(DEFAULT_TEMPLATE) as PipelineTemplate, source, destination, true);
}

export function planPipelineInit(host: FileHost, options: PipelineInitOptions): FilePlan {
  const { directory, source, destination, registry } = options;
  const force = options.force ?? false;
  if (!SOURCE_NAME.test(source)) {
    throw new DlthubError('Usage', `Invalid source name "${source}".`, {
      hint: 'Use a Python module name: lower case letters, digits and "_" (e.g. "rest_api", "my_source").',
    });
  }
  const namedType = namedDestinationType(host, directory, destination, registry);
  const definition =
    registry.getDestination(destination) ?? (namedType ? registry.getDestination(namedType) : undefined);
  if (!registry.getDestination(destination) && namedType === null) {
    const error = unknownDestinationError(destination, registry);
    throw new DlthubError(
      'UnknownDestinationType',
      `Unknown destination "${destination}": not a registered type nor a named destination.`,
      {
        hint: `${error.hint} Or add a named one first: dlthub destination add ${destination} --type <type>.`,
      },
    );
  }
  const resolved = resolveSource(options, destination);
  const notes = [resolved.note];
  const plan = { directory };
  const files: PlannedFile[] = [];

  const scriptPath = hostPath(directory, `${source}${PIPELINE_SUFFIX}`);
  if (!host.exists(scriptPath)) files.push({ path: scriptPath, action: 'CREATE', content: resolved.script });
  else if (force) files.push({ path: scriptPath, action: 'OVERWRITE', content: resolved.script, reason: '--force' });
  else files.push({ path: scriptPath, action: 'CONFLICT', reason: 'exists' });

  const existingFolders = resolved.folders.filter((folder) => host.exists(hostPath(directory, folder)));
  for (const folder of force ? [] : existingFolders) {
    files.push({
      path: hostPath(directory, folder),
      action: 'CONFLICT',
      reason: 'source folder exists',
    });
  }
  for (const [relative, content] of resolved.files) {
    const target = hostPath(directory, relative);
    if (!force && existingFolders.some((folder) => relative.startsWith(`${folder}/`))) continue;
    const exists = host.exists(target);
    files.push({
      path: target,
      action: exists ? 'OVERWRITE' : 'CREATE',
      content: content.toString('utf8'),
      ...(exists ? { reason: '--force' } : {}),
    });
  }

  const destinationKeys = definition ? destinationEntries(destination, definition) : { config: [], secrets: [] };
  const configEntries = [...resolved.config, ...destinationKeys.config];
  const secretEntries = [...resolved.secrets, ...destinationKeys.secrets];

  const configPath = hostPath(directory, '.dlt/config.toml');
  if (configEntries.length > 0 || !host.exists(configPath)) {
    files.push(
      planTomlAdditions(
        host,
        configPath,
        displayPath(plan, configPath),
        '# put your configuration values here\n',
        configEntries,
      ),
    );
  }
  const secretsPath = hostPath(directory, '.dlt/secrets.toml');
  if (secretEntries.length > 0 || !host.exists(secretsPath)) {
    files.push(
      planTomlAdditions(
        host,
        secretsPath,
        displayPath(plan, secretsPath),
        '# add your dlt secrets here\n',
        secretEntries,
        SECRETS_FILE_MODE,
      ),
    );
  }
  // The source's requirements and the destination's, merged into the project's dependency file; dlt init
  // writes requirements.txt when the project has none yet (§1.6).
  const requirements = [...resolved.requirements, ...(definition ? destinationRequirements(definition) : [])];
  const merge = planDependencyMerge(host, directory, requirements, { createRequirementsTxt: true });
  if (merge.file) files.push(merge.file);
  notes.push(...merge.notes);
  return makePlan(directory, files, notes);
}
