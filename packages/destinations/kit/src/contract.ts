/**
 * The contract every destination plugin meets, as one Jest suite: registration, schema round trip, secret
 * marks (and their refusal in config.toml), native forms (parsed and resolved from secrets.toml), every field
 * from TOML and env with provenance, defaults, wrong-typed values, scaffolds for local and synced profiles that
 * a real workspace resolves, and the Python requirement.
 */
import { describe, expect, it } from '@jest/globals';
import {
  createRegistry,
  DlthubError,
  fieldKind,
  setTomlValue,
  type DestinationDefinition,
  type DestinationScaffold,
  type DlthubPlugin,
} from '@dlthub/config-core';
import { describeFieldContract } from './contract-fields';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from './testing';
import { fieldsSetByNative } from './fields';
import { secretPlacements, variantsFor } from './workspace-fixture';

/** A password-like marker put into every malformed native value; no error may repeat it. */
export const LEAK_MARKER = 'hunter2';

export interface NativeCase {
  /** Variant name; the first variant when absent. */
  variant?: string;
  text: string;
  /** Fields the text sets (checked with `toMatchObject`). */
  fields: Record<string, unknown>;
}

export interface DestinationContractCases {
  /** Destination-level values the config schema needs (required fields, `bucket_url`, …). */
  config?: Record<string, unknown>;
  /** Per variant name: complete credentials that must survive a parse round trip. */
  credentials?: Record<string, Record<string, unknown>>;
  /** dlt's secret fields per variant name. */
  secretFields: Record<string, readonly string[]>;
  native?: readonly NativeCase[];
  /** Native values the spec rejects; each holds `LEAK_MARKER` where a secret would be. */
  badNative?: readonly { variant?: string; text: string }[];
  /** What the scaffolded synced profile needs from Python (`dlt[redshift]`, …). */
  pythonRequirements: readonly string[];
}

function variantOf(definition: DestinationDefinition, name?: string) {
  const variant = name
    ? definition.credentialsSchemas.find((candidate) => candidate.name === name)
    : definition.credentialsSchemas[0];
  if (!variant) throw new Error(`${definition.type} has no credentials variant ${name ?? '(first)'}`);
  return variant;
}

/** TOML for one destination's scaffold: `[destination.<name>…]` keys, nested tables for nested values. */
function scaffoldToml(
  name: string,
  values: Readonly<Record<string, unknown>>,
  prefix: readonly string[] = [],
  text = '',
): string {
  let out = text;
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out = scaffoldToml(name, value as Record<string, unknown>, [...prefix, key], out);
    } else {
      out = setTomlValue(out, ['destination', name, ...prefix, key], value);
    }
  }
  return out;
}

/** config.toml declaring the destination with the values its schema needs. */
function configTomlOf(name: string, type: string, config: Readonly<Record<string, unknown>> = {}): string {
  let text = setTomlValue('', ['destination', name, 'destination_type'], type);
  for (const [key, value] of Object.entries(config)) text = setTomlValue(text, ['destination', name, key], value);
  return text;
}

function scaffoldFields(definition: DestinationDefinition): Set<string> {
  const fields = new Set<string>();
  for (const variant of definition.credentialsSchemas) {
    for (const key of Object.keys(variant.schema.shape)) fields.add(key);
    for (const key of Object.keys(variant.nested ?? {})) fields.add(key);
  }
  return fields;
}

export function describeDestinationContract(plugin: DlthubPlugin, cases: DestinationContractCases): void {
  const definition = plugin.destinations[0];
  if (!definition) throw new Error(`${plugin.name} declares no destination`);
  const { type } = definition;
  const name = `${type}_dest`;
  const ws = useDestinationWorkspace(plugin);

  describe(`${type}: destination plugin contract`, () => {
    it('registers its type under the plugin name', () => {
      const registry = createRegistry([plugin]);
      expect(registry.getDestination(type)).toBe(definition);
      expect(registry.ownerOf('destination', type)).toBe(plugin.name);
    });

    it('gives every field a kind the engine coerces from env and TOML', () => {
      const schemas = [definition.configSchema, ...definition.credentialsSchemas.map((variant) => variant.schema)];
      const unknown = schemas.flatMap((schema) =>
        Object.entries(schema.shape)
          .filter(([, field]) => fieldKind(field as never).type === 'unknown')
          .map(([key]) => key),
      );
      expect(unknown).toEqual([]);
    });

    it('round-trips its config and credentials through the schemas', () => {
      const config = definition.configSchema.parse(cases.config ?? {});
      expect(definition.configSchema.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
      for (const [variantName, values] of Object.entries(cases.credentials ?? {})) {
        const { schema } = variantOf(definition, variantName);
        const parsed = schema.parse(values);
        expect(parsed).toMatchObject(values);
        expect(schema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
      }
    });

    it("marks dlt's secret fields, all of them text fields", () => {
      const marked = Object.fromEntries(definition.credentialsSchemas.map((v) => [v.name, [...v.secretFields]]));
      expect(marked).toEqual(Object.fromEntries(Object.entries(cases.secretFields).map(([k, v]) => [k, [...v]])));
      for (const variant of definition.credentialsSchemas) {
        for (const field of variant.secretFields) {
          expect(fieldKind(variant.schema.shape[field] as never).type).toBe('string');
        }
      }
    });

    it('lists a native case for every credentials variant that parses a native form', () => {
      const parsing = definition.credentialsSchemas.filter((variant) => variant.parseNative).map((v) => v.name);
      const listed = new Set((cases.native ?? []).map((entry) => variantOf(definition, entry.variant).name));
      expect(parsing.filter((variant) => !listed.has(variant))).toEqual([]);
    });

    const firstVariant = variantsFor(definition, cases.config)[0];
    const resolvable = (cases.native ?? []).filter(
      (entry) => firstVariant && variantOf(definition, entry.variant) === firstVariant,
    );
    if (resolvable.length > 0) {
      it.each(resolvable.map((entry) => [entry.text, entry] as const))(
        'resolves the native form %s from secrets.toml, each field it sets from that file',
        (text, entry) => {
          ws().write('.dlt/config.toml', configTomlOf(name, type, cases.config));
          ws().write('.dlt/secrets.toml', setTomlValue('', ['destination', name, 'credentials'], text));
          const resolved = ws().open().resolveDestination(name);
          // Values may differ from the parsed ones by the variant's fix-ups (mssql lower-cases the database).
          for (const key of Object.keys(fieldsSetByNative(firstVariant!.schema, entry.fields))) {
            expect(resolved.credentials[key]).toMatchObject({ file: '.dlt/secrets.toml' });
          }
        },
      );
    }

    if (cases.native?.length) {
      it.each(cases.native.map((entry) => [entry.text, entry] as const))(
        'parses the native form %s',
        (_text, entry) => {
          const variant = variantOf(definition, entry.variant);
          expect(variant.parseNative).toBeDefined();
          expect(variant.parseNative!(entry.text)).toMatchObject(entry.fields);
        },
      );
    }

    if (cases.badNative?.length) {
      it.each(cases.badNative.map((entry) => [entry.text, entry] as const))(
        'rejects the native value %s without repeating its secret',
        (_text, entry) => {
          const variant = variantOf(definition, entry.variant);
          let error: unknown;
          try {
            variant.parseNative!(entry.text);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(DlthubError);
          expect((error as DlthubError).code).toBe('ConfigValueCannotBeCoerced');
          expect(JSON.stringify((error as DlthubError).toJSON())).not.toContain(LEAK_MARKER);
        },
      );
    }

    it.each([
      ['dev', 'dev'],
      ['prod', 'prod'],
    ] as const)('scaffolds the %s profile into files a workspace resolves', (profile, kind) => {
      const scaffold: DestinationScaffold = definition.scaffold[kind];
      const known = scaffoldFields(definition);
      expect(Object.keys(scaffold.config).filter((key) => !(key in definition.configSchema.shape))).toEqual([]);
      expect(Object.keys(scaffold.credentials).filter((key) => !known.has(key))).toEqual([]);
      const secrets = new Set(definition.credentialsSchemas.flatMap((variant) => variant.secretFields));
      expect(Object.keys(scaffold.config).filter((key) => secrets.has(key))).toEqual([]);
      const config = setTomlValue(scaffoldToml(name, scaffold.config), ['destination', name, 'destination_type'], type);
      ws().write(`.dlt/${profile}.config.toml`, config);
      if (Object.keys(scaffold.credentials).length > 0) {
        ws().write(`.dlt/${profile}.secrets.toml`, scaffoldToml(name, { credentials: scaffold.credentials }));
      }
      const resolved = ws().open({ profile }).resolveDestination(name);
      expect(resolved.destinationType).toBe(type);
      for (const [key, value] of Object.entries(scaffold.config)) {
        expect(resolved.config[key]).toMatchObject({ value, file: `.dlt/${profile}.config.toml` });
      }
    });

    it('names its Python requirement', () => {
      expect(definition.pythonRequirements?.(definition.scaffold.prod.config)).toEqual(cases.pythonRequirements);
    });

    describeFieldContract({ definition, name, config: cases.config ?? {}, variant: firstVariant, workspace: ws });

    const variants = variantsFor(definition, cases.config);
    if (secretPlacements(variants).length > 0) {
      const configLines = Object.entries(cases.config ?? {})
        .map(([key, value]) => `${key} = ${JSON.stringify(value)}\n`)
        .join('');
      itRefusesSecretsInConfig({
        workspace: ws,
        name,
        configToml: `[destination.${name}]\ndestination_type = "${type}"\n${configLines}`,
        variants,
      });
    }
  });
}
