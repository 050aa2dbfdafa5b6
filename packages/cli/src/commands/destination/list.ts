/** `dlthub destination list`: the registered destination types, their fields, secret fields marked. */
import type { CredentialsVariant, FieldsSchema, NestedConfiguration } from '@dlthub/config-core';
import type { Context } from '../../context';
import { core } from '../../core';

interface FieldInfo {
  name: string;
  /** config-core's field kind: string, int, float, boolean, enum, array, record, unknown. */
  kind: string;
  required: boolean;
  default?: unknown;
  secret: boolean;
}

function fieldsOf(schema: FieldsSchema, secretFields: readonly string[] = []): FieldInfo[] {
  const { fieldDefault, fieldKind } = core();
  return Object.entries(schema.shape).map(([name, shapeEntry]) => {
    const field = shapeEntry as unknown as Parameters<typeof fieldKind>[0];
    const fallback = fieldDefault(field);
    return {
      name,
      kind: fieldKind(field).type,
      required: !field.safeParse(undefined).success,
      ...(fallback.has && fallback.value !== undefined ? { default: fallback.value } : {}),
      secret: secretFields.includes(name),
    };
  });
}

/** A variant's fields, then those of its nested configurations as `<key>.<field>` (ducklake's catalog, storage). */
function variantFields(variant: CredentialsVariant, prefix = ''): FieldInfo[] {
  const own = fieldsOf(variant.schema, variant.secretFields).map((field) => ({
    ...field,
    name: `${prefix}${field.name}`,
  }));
  return [...own, ...nestedFields(variant.nested, prefix)];
}

/** The fields of embedded configurations as `<key>.<field>`, each name once across union members. */
function nestedFields(nested: Readonly<Record<string, NestedConfiguration>> | undefined, prefix = ''): FieldInfo[] {
  const fields = Object.entries(nested ?? {}).flatMap(([key, configuration]) =>
    configuration.variants.flatMap((member) => variantFields(member, `${prefix}${key}.`)),
  );
  return fields.filter((field, index) => fields.findIndex((other) => other.name === field.name) === index);
}

export function run(context: Context): void {
  const registry = context.registry();
  const destinations = registry.destinationTypes().map((type) => {
    const definition = registry.getDestination(type)!;
    return {
      type,
      description: definition.description,
      plugin: registry.ownerOf('destination', type),
      config: [...fieldsOf(definition.configSchema), ...nestedFields(definition.nested)],
      credentials: definition.credentialsSchemas.map((variant) => ({
        variant: variant.name,
        description: variant.description,
        fields: variantFields(variant),
      })),
    };
  });
  const { out } = context;
  const describe = (field: FieldInfo) =>
    `${field.name}${field.required ? '*' : ''}${field.default !== undefined ? `=${JSON.stringify(field.default)}` : ''}${field.secret ? out.style('yellow', ' (secret)') : ''}`;
  out.result({ destinations }, () => [
    ...destinations.flatMap((entry) => [
      `${out.style('bold', entry.type)} - ${entry.description}${entry.plugin ? out.style('dim', ` [${entry.plugin}]`) : ''}`,
      ...(entry.config.length ? [`  config: ${entry.config.map(describe).join(', ')}`] : []),
      ...entry.credentials.map(
        (variant) => `  credentials (${variant.variant}): ${variant.fields.map(describe).join(', ')}`,
      ),
    ]),
    out.style('dim', '* required'),
  ]);
}
