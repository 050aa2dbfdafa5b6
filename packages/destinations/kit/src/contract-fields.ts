/**
 * The field-by-field part of the destination contract, derived from the plugin's own schemas so that no
 * plugin lists its fields twice: every field read from TOML and from env with its provenance, every default
 * with provenance `default`, every typed field given a value of the wrong type refused with its key and file.
 */
import { describe, expect, it } from '@jest/globals';
import {
  DlthubError,
  ENV_PROVIDER_NAME,
  envKeyOf,
  fieldDefault,
  fieldKind,
  setTomlValue,
  type CredentialsVariant,
  type DestinationDefinition,
  type FieldKind,
} from '@dlthub/config-core';
import type { TempWorkspace } from './workspace-fixture';

/** dlt never reads these from configuration; the engine keeps their defaults. */
const NEVER_CONFIGURED = new Set(['dataset_name', 'default_schema_name']);

type FieldSchema = Parameters<typeof fieldKind>[0];

export interface FieldTarget {
  /** `config` for `[destination.<name>]`, `credentials` for its credentials table. */
  where: 'config' | 'credentials';
  field: string;
  schema: FieldSchema;
  kind: FieldKind;
}

/** Values of each kind, first one the schema accepts wins; text candidates cover URL- and path-shaped fields. */
function candidatesFor(kind: FieldKind, defaultValue: unknown): unknown[] {
  switch (kind.type) {
    case 'string':
      return ['sample-value', 's3://sample-bucket/data', 'https://sample.example.com', '/tmp/sample'];
    case 'int':
      return [typeof defaultValue === 'number' ? defaultValue + 7 : 7];
    case 'float':
      return [typeof defaultValue === 'number' ? defaultValue + 2.5 : 2.5];
    case 'boolean':
      return [defaultValue === true ? false : true];
    case 'enum':
      return kind.values.filter((value) => value !== defaultValue);
    case 'record':
      return [{ sample_key: 'sample-value' }];
    case 'array':
      return [['sample-item']];
    default:
      return [];
  }
}

/** A value for the field other than its default, as the schema accepts it; undefined when none fits. */
export function sampleValue(target: FieldTarget): unknown {
  const { value: defaultValue } = fieldDefault(target.schema);
  return candidatesFor(target.kind, defaultValue).find(
    (candidate) => (target.schema as { safeParse(v: unknown): { success: boolean } }).safeParse(candidate).success,
  );
}

/** The text an environment variable carries for a value (dlt parses structured values from JSON). */
export function envText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A text no value of the kind accepts, for the kinds a text can be wrong for. */
export function wrongValueFor(kind: FieldKind): string | undefined {
  switch (kind.type) {
    case 'int':
    case 'float':
      return 'not-a-number';
    case 'boolean':
      return 'sometimes';
    case 'enum':
      return 'not-a-member';
    default:
      return undefined;
  }
}

/** The fields a contract exercises: the configuration's (less those dlt never reads) and the first variant's. */
export function fieldTargets(
  definition: DestinationDefinition,
  variant: CredentialsVariant | undefined,
): FieldTarget[] {
  const config = Object.entries(definition.configSchema.shape)
    .filter(([field]) => !NEVER_CONFIGURED.has(field))
    .map(([field, schema]) => ({ where: 'config' as const, field, schema: schema as FieldSchema }));
  const credentials = Object.entries(variant?.schema.shape ?? {}).map(([field, schema]) => ({
    where: 'credentials' as const,
    field,
    schema: schema as FieldSchema,
  }));
  return [...config, ...credentials].map((target) => ({ ...target, kind: fieldKind(target.schema as never) }));
}

export interface FieldContractOptions {
  definition: DestinationDefinition;
  /** Named destination the contract resolves. */
  name: string;
  /** Destination-level values every resolution needs (`bucket_url`, …). */
  config: Readonly<Record<string, unknown>>;
  /** The credentials variant that a partial resolution settles on (the first one offered). */
  variant: CredentialsVariant | undefined;
  workspace: () => TempWorkspace;
}

function configToml(options: FieldContractOptions, extra: Readonly<Record<string, unknown>> = {}): string {
  let text = setTomlValue('', ['destination', options.name, 'destination_type'], options.definition.type);
  for (const [key, value] of Object.entries({ ...options.config, ...extra })) {
    text = setTomlValue(text, ['destination', options.name, key], value);
  }
  return text;
}

function pathOf(options: FieldContractOptions, target: FieldTarget): string[] {
  return target.where === 'config'
    ? ['destination', options.name, target.field]
    : ['destination', options.name, 'credentials', target.field];
}

/** Writes `value` for the field where dlt reads it from files: config.toml, or secrets.toml for credentials. */
function writeField(options: FieldContractOptions, target: FieldTarget, value: unknown): string {
  const ws = options.workspace();
  if (target.where === 'config') {
    ws.write('.dlt/config.toml', configToml(options, { [target.field]: value }));
    return '.dlt/config.toml';
  }
  ws.write('.dlt/config.toml', configToml(options));
  ws.write('.dlt/secrets.toml', setTomlValue('', pathOf(options, target), value));
  return '.dlt/secrets.toml';
}

function resolvedField(options: FieldContractOptions, target: FieldTarget, env: Record<string, string> = {}) {
  const resolved = options.workspace().open({ env }).resolveDestination(options.name);
  return target.where === 'config' ? resolved.config[target.field] : resolved.credentials[target.field];
}

export function describeFieldContract(options: FieldContractOptions): void {
  const targets = fieldTargets(options.definition, options.variant);
  const sampled = targets.flatMap((target) => {
    const value = sampleValue(target);
    return value === undefined ? [] : [{ label: `${target.where}.${target.field}`, target, value }];
  });
  const defaulted = targets.flatMap((target) => {
    const { has, value } = fieldDefault(target.schema);
    return has && !(target.field in options.config)
      ? [{ label: `${target.where}.${target.field}`, target, value }]
      : [];
  });
  const typed = targets.flatMap((target) => {
    const wrong = wrongValueFor(target.kind);
    return wrong === undefined ? [] : [{ label: `${target.where}.${target.field}`, target, wrong }];
  });

  describe(`${options.definition.type}: fields`, () => {
    it('offers at least one field to configure', () => {
      expect(sampled.length + defaulted.length).toBeGreaterThan(0);
    });

    if (sampled.length > 0) {
      it.each(sampled)('reads $label from TOML with its file', ({ target, value }) => {
        const file = writeField(options, target, value);
        expect(resolvedField(options, target)).toMatchObject({ value, file });
      });

      it.each(sampled)('reads $label from env', ({ target, value }) => {
        options.workspace().write('.dlt/config.toml', configToml(options));
        const env = { [envKeyOf(pathOf(options, target))]: envText(value) };
        expect(resolvedField(options, target, env)).toMatchObject({ value, provider: ENV_PROVIDER_NAME });
      });
    }

    if (defaulted.length > 0) {
      it.each(defaulted)('keeps the default of $label with provenance `default`', ({ target, value }) => {
        options.workspace().write('.dlt/config.toml', configToml(options));
        expect(resolvedField(options, target)).toMatchObject({ value, provider: 'default' });
      });
    }

    if (typed.length > 0) {
      it.each(typed)('refuses a $label of the wrong type, naming key and file', ({ target, wrong }) => {
        const file = writeField(options, target, wrong);
        let error: unknown;
        try {
          resolvedField(options, target);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(DlthubError);
        expect((error as DlthubError).keyPath).toBe(pathOf(options, target).join('.'));
        expect((error as DlthubError).location?.file).toBe(file);
      });
    }
  });
}
