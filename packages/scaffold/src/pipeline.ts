/**
 * `dlthub pipeline init <source> <destination>` (dlt-semantics §1.6): copy the template's script to
 * `<source>_pipeline.py`, and write the required source and destination keys as placeholders into the
 * workspace-scoped `.dlt/config.toml` / `.dlt/secrets.toml` (never profile files), keeping existing keys.
 */
import type { DestinationDefinition, FieldsSchema, Registry } from '@dlthub/config-core';
import { DlthubError, fieldKind } from '@dlthub/config-core';
import type { FileHost } from './file-host';
import { hostPath, SECRETS_FILE_MODE } from './file-host';
import type { FilePlan, PlannedFile } from './plan';
import { displayPath, makePlan } from './plan';
import { planTomlAdditions, unknownDestinationError } from './destination';
import type { PlaceholderType } from './template-source';
import { findPipelineTemplate } from './template-source';
import type { TomlScalar } from './toml-keys';
import { hasTomlPath } from './toml-keys';

/** dlt's placeholder for a required text value, and its inline comment. */
export const CONFIGURE_ME = '<configure me>';
export const FILL_THIS_IN = 'fill this in!';

export interface PipelineInitOptions {
  directory: string;
  source: string;
  destination: string;
  registry: Registry;
  /** Local directory or git URL of templates (dlt init --location). */
  location?: string;
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

/** A named destination configured in the workspace files (`[destination.<name>] destination_type`). */
function isNamedDestination(host: FileHost, directory: string, name: string, registry: Registry): boolean {
  const candidates = [
    'config.toml',
    'secrets.toml',
    ...registry.profileNames().flatMap((p) => [`${p}.config.toml`, `${p}.secrets.toml`]),
  ];
  return candidates.some((file) => {
    const text = host.read(hostPath(directory, `.dlt/${file}`));
    return text !== null && hasTomlPath(text, ['destination', name, 'destination_type'], `.dlt/${file}`);
  });
}

const SOURCE_NAME = /^[a-z_][a-z0-9_]*$/;

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (token, key: string) => values[key] ?? token);
}

export function planPipelineInit(host: FileHost, options: PipelineInitOptions): FilePlan {
  const { directory, source, destination, registry } = options;
  if (!SOURCE_NAME.test(source)) {
    throw new DlthubError('Usage', `Invalid source name "${source}".`, {
      hint: 'Use a Python module name: lower case letters, digits and "_" (e.g. "rest_api", "my_source").',
    });
  }
  const definition = registry.getDestination(destination);
  if (!definition && !isNamedDestination(host, directory, destination, registry)) {
    const error = unknownDestinationError(destination, registry);
    throw new DlthubError(
      'UnknownDestination',
      `Unknown destination "${destination}": not a registered type nor a named destination.`,
      {
        hint: `${error.hint} Or add a named one first: dlthub destination add ${destination} --type <type>.`,
        exitCode: 2,
      },
    );
  }
  const { template, isDefault } = findPipelineTemplate(source, options.location);
  const values = { source, destination, pipeline_name: `${source}_pipeline` };
  const notes = [
    isDefault
      ? `Source "${source}" has no template: using the default template, named after the source.`
      : `Using the ${template.name} template: ${template.description}`,
  ];
  const plan = { directory };
  const files: PlannedFile[] = [];

  const scriptPath = hostPath(directory, `${source}_pipeline.py`);
  files.push(
    host.exists(scriptPath)
      ? { path: scriptPath, action: 'CONFLICT', reason: 'exists; delete it or move it away first' }
      : { path: scriptPath, action: 'CREATE', content: substitute(template.script, values) },
  );

  const keyEntries = (keys: Record<string, PlaceholderType>): Entry[] =>
    Object.entries(keys).map(([dotted, type]): Entry => [substitute(dotted, values).split('.'), ...placeholder(type)]);
  const destinationKeys = definition ? destinationEntries(destination, definition) : { config: [], secrets: [] };
  const configEntries = [...keyEntries(template.config), ...destinationKeys.config];
  const secretEntries = [...keyEntries(template.secrets), ...destinationKeys.secrets];

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
  // dlt init writes requirements.txt when the project has no dependency system yet (§1.6).
  const hasDependencies = ['pyproject.toml', 'requirements.txt'].some((file) => host.exists(hostPath(directory, file)));
  if (!hasDependencies) {
    const extra = definition ? `[${definition.type}]` : '';
    files.push({
      path: hostPath(directory, 'requirements.txt'),
      action: 'CREATE',
      content: `dlt${extra}>=1.27.2,<2\n`,
    });
  }
  return makePlan(directory, files, notes);
}
