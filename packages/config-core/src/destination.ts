/**
 * Named destination resolution (dlt §3.6, §4, §9). The type comes from `destination.<name>.destination_type`
 * (exact path, any provider) or the name used as a type. Fields are resolved in dlt's declaration order:
 * the credentials object first (it is declared by dlt's base destination configuration), then the type's
 * own options; a type whose credentials depend on its options (filesystem: on `bucket_url`) resolves them
 * last. Destination fields are looked up at `destination.<name>.k` → `destination.k` → `k`, credentials
 * first as a whole (always, as a secret; a string is the native form, a table means field by field), then
 * field by field at `destination.<name>.credentials.k` → `destination.credentials.k` → `credentials.k`.
 *
 * Partial results are accepted unless `requireComplete`: a field nothing configures takes its spec default,
 * null when it has none, with provider `default`. Of a credentials union the first member wins, complete or
 * not, unless its native value does not parse; only when completeness is required does resolution move on
 * to the next member after a missing field. A member's fix-ups (`onResolved`) run only when it is complete.
 */
import { coerceToKind, type FieldKind } from './coerce';
import { DlthubError, FieldValueRejected } from './errors';
import { fieldDefault, fieldKind, isRequiredField, isSameValue, isSetByNative } from './field-schema';
import { maskSecret } from './mask';
import type { ConfigProvider } from './providers/provider';
import type { TomlFamilyProvider } from './providers/toml';
import {
  type CredentialsVariant,
  type DestinationDefinition,
  type FieldsSchema,
  type NestedConfiguration,
  type Registry,
  type ResolvedFields,
} from './registry';
import { fieldPaths, lookupPaths, resolvedOf, withValue, type LookupHit } from './resolve';
import { isTomlTable } from './toml-merge';
import type {
  DestinationFieldSource,
  LookupAttempt,
  Resolved,
  ResolvedDestination,
  ResolveDestinationOptions,
} from './types';
import type { z } from 'zod';

/** dlt never reads these from configuration (`NotResolved`): they keep their defaults (§9). */
const NEVER_CONFIGURED_FIELDS: ReadonlySet<string> = new Set(['dataset_name', 'default_schema_name']);
const DLT_MODULE_PREFIX = 'dlt.destinations.';
const DESTINATION_SECTION = ['destination'] as const;

interface FieldSpec {
  key: string;
  schema: z.ZodType;
  secret: boolean;
  kind: FieldKind;
  /** The value a field nothing configures takes (provider `default`): the spec default, else null. */
  defaultValue: unknown;
  /** No default and not optional: missing when nothing resolves it. */
  required: boolean;
  neverConfigured: boolean;
}

export function fieldSpecsOf(schema: FieldsSchema, secretFields: readonly string[] = []): FieldSpec[] {
  return Object.entries(schema.shape).map(([key, entry]) => {
    const fieldSchema = entry as z.ZodType;
    const fallback = fieldDefault(fieldSchema);
    return {
      key,
      schema: fieldSchema,
      secret: secretFields.includes(key),
      kind: fieldKind(fieldSchema),
      defaultValue: fallback.has && fallback.value !== undefined ? fallback.value : null,
      required: isRequiredField(fieldSchema),
      neverConfigured: NEVER_CONFIGURED_FIELDS.has(key),
    };
  });
}

/** What resolution needs of a workspace: its providers, its registry and its field specs (computed once per schema). */
export interface DestinationContext {
  readonly providers: readonly ConfigProvider[];
  readonly registry: Registry | undefined;
  specsOf(schema: FieldsSchema, secretFields?: readonly string[]): FieldSpec[];
}

export function createDestinationContext(
  providers: readonly ConfigProvider[],
  registry: Registry | undefined,
): DestinationContext {
  const specs = new Map<FieldsSchema, FieldSpec[]>();
  return {
    providers,
    registry,
    specsOf(schema, secretFields = []) {
      let found = specs.get(schema);
      if (!found || found.some((spec) => spec.secret !== secretFields.includes(spec.key))) {
        specs.set(schema, (found = fieldSpecsOf(schema, secretFields)));
      }
      return found;
    },
  };
}

function locationOf(resolved: Resolved) {
  return resolved.file ? { file: resolved.file, line: resolved.line ?? undefined } : undefined;
}

function whereOf(resolved: Resolved): string {
  return `${resolved.provider}${resolved.file ? ` (${resolved.file}${resolved.line ? `:${resolved.line}` : ''})` : ''}`;
}

function unknownDestination(name: string, registry: Registry | undefined, typeSource: Resolved | null): DlthubError {
  const types = registry?.destinationTypes() ?? [];
  const configured =
    typeSource && typeSource.found
      ? `destination_type = ${JSON.stringify(typeSource.value)} from ${whereOf(typeSource)} is not a registered destination type, and `
      : 'no destination_type is configured and ';
  return new DlthubError(
    'UnknownDestination',
    `Unknown destination "${name}": ${configured}"${name}" is not a destination type either. Registered types: ${types.length ? types.join(', ') : '(none: no destination plugins are loaded)'}.`,
    {
      hint: `Name its type in .dlt/config.toml (or .dlt/<profile>.config.toml):\n[destination.${name}]\ndestination_type = "${types[0] ?? 'duckdb'}"`,
      keyPath: `destination.${name}.destination_type`,
      location: typeSource ? locationOf(typeSource) : undefined,
    },
  );
}

/** A field value that cannot be used: names the key path, provider, file and line (the value masked when secret). */
function fieldValueError(
  code: 'ConfigValueCannotBeCoerced' | 'InvalidConfigValue',
  secret: boolean,
  source: Resolved,
  keyPath: string,
  problem: string,
): DlthubError {
  const shown = secret ? maskSecret(String(source.value)) : JSON.stringify(source.value);
  return new DlthubError(code, `Value ${shown} of \`${keyPath}\` from ${whereOf(source)} ${problem}.`, {
    keyPath,
    provider: source.provider ?? undefined,
    location: locationOf(source),
    hint: `Fix \`${source.matchedKey}\` in ${source.file ?? source.provider}.`,
  });
}

/**
 * Coerces a found value to the field's kind (dlt's coercion table), then validates it with the field's
 * schema. A TOML number going into a text field is read as its literal, so a float keeps its Python form.
 */
function finishField(spec: FieldSpec, source: Resolved, hit: LookupHit | null, keyPath: string): Resolved {
  const raw = source.value;
  const literal =
    spec.kind.type === 'string' && typeof raw !== 'string' && hit?.provider.literalOf
      ? hit.provider.literalOf(hit.fileIndex, hit.path)
      : undefined;
  const coerced = coerceToKind(spec.kind, literal === undefined ? raw : literal, literal !== undefined);
  if (!coerced.ok)
    throw fieldValueError(
      'ConfigValueCannotBeCoerced',
      spec.secret,
      source,
      keyPath,
      `cannot be used: ${coerced.reason}`,
    );
  const checked = spec.schema.safeParse(coerced.value);
  if (!checked.success) {
    const reasons = checked.error.issues.map((issue) => issue.message).join('; ');
    throw fieldValueError('InvalidConfigValue', spec.secret, source, keyPath, `is invalid: ${reasons}`);
  }
  return checked.data === raw ? source : withValue(source, checked.data);
}

/** A field nothing configured: the spec default (or null) with provider `default`, keeping the keys tried. */
function defaultField(value: unknown, tried: LookupAttempt[]): DestinationFieldSource {
  return { ...resolvedOf(null, tried), value, provider: 'default' };
}

/** Looks one field up at its paths and finishes it, or gives its default. */
function resolveOneField(
  context: DestinationContext,
  spec: FieldSpec,
  paths: string[][],
  keyPath: string,
  defaultValue: unknown,
): DestinationFieldSource {
  if (spec.neverConfigured) return defaultField(defaultValue, []);
  const { resolved, hit } = lookupPaths(context.providers, paths, { secret: spec.secret });
  return hit ? finishField(spec, resolved, hit, keyPath) : defaultField(defaultValue, resolved.tried);
}

interface NativeCandidate {
  variant: CredentialsVariant;
  fields: Record<string, unknown> | null;
}

/**
 * The union members a credentials value can be, in order. A native string is parsed by each member (its
 * `parseNative`, else as a JSON object); members it does not parse for are left out, and when it parses for
 * none the value is an error.
 */
function credentialCandidates(
  defaultKeyPath: string,
  variants: readonly CredentialsVariant[],
  whole: Resolved,
): NativeCandidate[] {
  if (!whole.found || isTomlTable(whole.value)) return variants.map((variant) => ({ variant, fields: null }));
  const native = whole.value;
  const reasons: string[] = [];
  const parsed: NativeCandidate[] = [];
  for (const variant of variants) {
    try {
      if (typeof native !== 'string') throw new Error('not a string');
      if (variant.parseNative) {
        parsed.push({ variant, fields: variant.parseNative(native) });
        continue;
      }
      const json: unknown = JSON.parse(native);
      if (!isTomlTable(json)) throw new Error('not a JSON object');
      parsed.push({ variant, fields: json });
    } catch (error) {
      reasons.push(`${variant.name}: ${(error as Error).message}`);
    }
  }
  if (parsed.length > 0) return parsed;
  const keyPath = whole.matchedKey ?? defaultKeyPath;
  throw new DlthubError(
    'ConfigValueCannotBeCoerced',
    `Credentials \`${keyPath}\` from ${whereOf(whole)} (${maskSecret(String(native))}) are not a valid connection string or JSON document${reasons.length ? `: ${reasons.join('; ')}` : ''}.`,
    {
      keyPath,
      provider: whole.provider ?? undefined,
      location: locationOf(whole),
      hint: `Give \`${keyPath}\` as a table of fields or as a connection string the ${variants.map((v) => v.name).join('/')} credentials accept.`,
    },
  );
}

interface MemberResult {
  variant: CredentialsVariant;
  specs: FieldSpec[];
  /** Plain fields, then nested configurations' fields under `<key>.` (e.g. `catalog.database`). */
  fields: Record<string, DestinationFieldSource>;
  /** Secret fields, nested ones under their `<key>.` prefix. */
  secretFields: string[];
  /** Missing required fields, with the keys tried. */
  missing: { keyPath: string; source: DestinationFieldSource }[];
  complete: boolean;
}

/**
 * Where a configuration object sits. Its fields are looked up at `sections` (droppable from the right) plus
 * its own section `key` (never dropped); its whole value at the enclosing object's paths for `key`. dlt's
 * rule for embedded configurations (resolve.py `_apply_embedded_sections_to_config_sections`): the innermost
 * embedding key is the object's own section and every outer one becomes a droppable section, so each level
 * of nesting goes one section deeper.
 */
interface ObjectLocation {
  sections: readonly string[];
  key: string;
  /** Key path of the outermost object its field key paths start from, e.g. `destination.<name>.credentials`. */
  base: string;
  /** The enclosing object's own section (none for the destination configuration). */
  parentKey?: string;
  /** Prefix of its field names in the result and in key paths, e.g. `catalog.`. */
  prefix: string;
}

/** The location of a configuration embedded at `key` in the object at `parent`. */
export function nestedLocation(
  parent: { sections: readonly string[]; key: string; prefix: string; base: string },
  key: string,
) {
  return {
    sections: [...parent.sections, parent.key],
    key,
    parentKey: parent.key,
    prefix: `${parent.prefix}${key}.`,
    base: parent.base,
  };
}

/** The paths at which a field of the object at `location` is looked up. */
function objectFieldPaths(location: ObjectLocation, field: string): string[][] {
  return fieldPaths(location.sections, field, location.key);
}

/** The paths at which the object's whole value (its native form) is looked up. */
function objectWholePaths(location: ObjectLocation): string[][] {
  const sections = location.parentKey === undefined ? location.sections : location.sections.slice(0, -1);
  return fieldPaths(sections, location.key, location.parentKey);
}

/** A complete member's fix-ups; a value they refuse becomes the error `refused` builds for that field. */
function runOnResolved(
  variant: CredentialsVariant,
  values: Record<string, unknown>,
  refused: (field: string, problem: string) => DlthubError,
): Record<string, unknown> {
  try {
    return variant.onResolved ? variant.onResolved(values) : values;
  } catch (error) {
    if (error instanceof FieldValueRejected) throw refused(error.field, error.problem);
    throw error;
  }
}

/** One union member, field by field; a native value fills the fields it sets to non-default values (§9). */
function resolveMember(
  context: DestinationContext,
  name: string,
  location: ObjectLocation,
  candidate: NativeCandidate,
  whole: Resolved,
  requireComplete: boolean,
): MemberResult {
  const { variant } = candidate;
  const specs = context.specsOf(variant.schema, variant.secretFields);
  const fields: Record<string, DestinationFieldSource> = {};
  const keyPathOf = (key: string) => `${location.base}.${location.prefix}${key}`;
  for (const spec of specs) {
    const keyPath = keyPathOf(spec.key);
    const nativeValue = candidate.fields?.[spec.key];
    if (isSetByNative(nativeValue, spec.defaultValue)) {
      fields[spec.key] = finishField(spec, withValue(whole, nativeValue), null, keyPath);
    } else {
      fields[spec.key] = resolveOneField(
        context,
        spec,
        objectFieldPaths(location, spec.key),
        keyPath,
        spec.defaultValue,
      );
    }
  }
  const missing = specs.flatMap((spec) => {
    const source = fields[spec.key];
    const absent = source?.value === null || source?.value === undefined;
    return spec.required && source && absent ? [{ keyPath: keyPathOf(spec.key), source }] : [];
  });
  if (missing.length === 0 && variant.onResolved) {
    const values = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.value]));
    const fixed = runOnResolved(variant, values, (field, problem) => {
      const spec = specs.find((candidate) => candidate.key === field);
      const source = fields[field];
      if (!spec || !source) return new DlthubError('InvalidConfigValue', `\`${keyPathOf(field)}\` ${problem}.`);
      return fieldValueError('InvalidConfigValue', spec.secret, source, keyPathOf(field), problem);
    });
    for (const [key, value] of Object.entries(fixed)) {
      if (fields[key] && !isSameValue(fields[key].value, value)) fields[key] = withValue(fields[key], value);
    }
  }
  const secretFields = variant.secretFields.slice();
  const embedded = resolveEmbedded(context, name, location, variant.nested, fields, requireComplete);
  Object.assign(fields, embedded.fields);
  secretFields.push(...embedded.secretFields);
  missing.push(...embedded.missing);
  return { variant, specs, fields, secretFields, missing, complete: missing.length === 0 };
}

/**
 * The configurations embedded in an object (`nested`), each one section deeper, given the object's plain
 * fields; their fields come back as `<key>.<field>`.
 */
function resolveEmbedded(
  context: DestinationContext,
  name: string,
  location: ObjectLocation,
  embedded: Readonly<Record<string, NestedConfiguration>> | undefined,
  plainFields: Readonly<Record<string, DestinationFieldSource>>,
  requireComplete: boolean,
): Pick<MemberResult, 'fields' | 'secretFields' | 'missing'> {
  const fields: Record<string, DestinationFieldSource> = {};
  const secretFields: string[] = [];
  const missing: MemberResult['missing'] = [];
  const plainValues = Object.fromEntries(Object.entries(plainFields).map(([key, field]) => [key, field.value]));
  for (const [key, nested] of Object.entries(embedded ?? {})) {
    const childLocation = nestedLocation(location, key);
    const variants = nested.select
      ? nested.select(plainValues).flatMap((chosen) => nested.variants.filter((member) => member.name === chosen))
      : nested.variants;
    const child = resolveObject(context, name, childLocation, variants, requireComplete, nested.secret ?? true);
    if (!child) continue;
    const fallsBack = nested.fallbackWhen
      ? nested.fallbackWhen(child.fields)
      : !Object.values(child.fields).some((field) => field.provider !== 'default');
    if (fallsBack && nested.fallback) {
      // dlt's on_partial: a nested configuration left unconfigured takes the enclosing one's default.
      const fallback = nested.fallback(plainValues);
      for (const [field, source] of Object.entries(child.fields)) {
        child.fields[field] =
          field in fallback
            ? { ...defaultField(fallback[field], source.tried) }
            : nested.fallbackWhen
              ? defaultField(child.specs.find((spec) => spec.key === field)?.defaultValue ?? null, source.tried)
              : source;
      }
    } else {
      missing.push(...child.missing);
    }
    for (const [field, source] of Object.entries(child.fields)) fields[`${key}.${field}`] = source;
    secretFields.push(...child.secretFields.map((field) => `${key}.${field}`));
  }
  return { fields, secretFields, missing };
}

/** dlt's ConfigFieldMissingException: every missing required field with every (provider, key) tried. */
function fieldsMissing(name: string, missing: { keyPath: string; source: DestinationFieldSource }[]): DlthubError {
  const details = missing.map(({ keyPath, source }) => {
    const tried = source.tried.map((attempt) => `    ${attempt.provider}: ${attempt.nativeKey}`).join('\n');
    return `  ${keyPath}\n${tried}`;
  });
  const first = missing[0]?.keyPath ?? `destination.${name}`;
  return new DlthubError(
    'ConfigFieldMissing',
    `Destination "${name}" is missing required field${missing.length > 1 ? 's' : ''} ${missing.map((entry) => `\`${entry.keyPath}\``).join(', ')}. Looked up:\n${details.join('\n')}`,
    {
      keyPath: first,
      hint: `Set \`${first}\` in ${first.includes('.credentials.') ? '.dlt/secrets.toml (or .dlt/<profile>.secrets.toml)' : '.dlt/config.toml (or .dlt/<profile>.config.toml)'} or as the environment variable ${first.replace(/\./g, '__').toUpperCase()}.`,
    },
  );
}

function missingOf(
  specs: readonly FieldSpec[],
  fields: Record<string, DestinationFieldSource>,
  prefix: string,
): { keyPath: string; source: DestinationFieldSource }[] {
  return specs.flatMap((spec) => {
    const source = fields[spec.key];
    const absent = source?.value === null || source?.value === undefined;
    return spec.required && source && absent ? [{ keyPath: `${prefix}${spec.key}`, source }] : [];
  });
}

/**
 * A configuration object (the credentials, or one nested in them): the whole value first (a secret lookup
 * for credentials; a string is the native form, a table means field by field), then the union members in
 * order. With partial results the first member wins; when completeness is required the first complete one.
 */
function resolveObject(
  context: DestinationContext,
  name: string,
  location: ObjectLocation,
  variants: readonly CredentialsVariant[],
  requireComplete: boolean,
  secret: boolean,
): MemberResult | null {
  const whole = lookupPaths(context.providers, objectWholePaths(location), { secret }).resolved;
  if (variants.length === 0) return null;
  const objectKeyPath = `${location.base}${location.prefix ? `.${location.prefix.slice(0, -1)}` : ''}`;
  const candidates = credentialCandidates(objectKeyPath, variants, whole);
  const [firstCandidate] = candidates;
  if (!requireComplete)
    return firstCandidate ? resolveMember(context, name, location, firstCandidate, whole, false) : null;
  let first: MemberResult | null = null;
  for (const candidate of candidates) {
    const member = resolveMember(context, name, location, candidate, whole, true);
    if (member.complete) return member;
    first ??= member;
  }
  return first;
}

/** The credentials object of a destination: `[destination.<name>.credentials]`. */
function resolveCredentials(
  context: DestinationContext,
  name: string,
  variants: readonly CredentialsVariant[],
  requireComplete: boolean,
): MemberResult | null {
  const location: ObjectLocation = {
    sections: ['destination', name],
    key: 'credentials',
    prefix: '',
    base: `destination.${name}.credentials`,
  };
  const member = resolveObject(context, name, location, variants, requireComplete, true);
  if (member && requireComplete && !member.complete) throw fieldsMissing(name, member.missing);
  return member;
}

function applicableVariants(
  definition: DestinationDefinition,
  config: Record<string, DestinationFieldSource>,
): readonly CredentialsVariant[] {
  if (!definition.selectCredentials) return definition.credentialsSchemas;
  const values = Object.fromEntries(Object.entries(config).map(([key, source]) => [key, source.value]));
  return definition
    .selectCredentials(values)
    .map((variantName) => definition.credentialsSchemas.find((variant) => variant.name === variantName))
    .filter((variant): variant is CredentialsVariant => variant !== undefined);
}

/** The type from `destination.<name>.destination_type`: the exact path only, any provider. */
function resolveDestinationType(
  context: DestinationContext,
  name: string,
): { definition: DestinationDefinition; typeSource: Resolved | null } {
  const { registry } = context;
  const typeSource = lookupPaths(context.providers, [['destination', name, 'destination_type']]).resolved;
  if (typeSource.found && typeof typeSource.value === 'string') {
    const configured = typeSource.value.startsWith(DLT_MODULE_PREFIX)
      ? typeSource.value.slice(DLT_MODULE_PREFIX.length)
      : typeSource.value;
    const definition = registry?.getDestination(configured);
    if (definition) return { definition, typeSource };
  }
  // dlt falls back to the name as a built-in shorthand type when destination_type is missing or invalid.
  const byName = registry?.getDestination(name);
  if (byName) return { definition: byName, typeSource: null };
  throw unknownDestination(name, registry, typeSource.found ? typeSource : null);
}

export function resolveDestination(
  context: DestinationContext,
  name: string,
  options: ResolveDestinationOptions = {},
): ResolvedDestination {
  const requireComplete = options.requireComplete === true;
  const { definition, typeSource } = resolveDestinationType(context, name);
  const configSpecs = context.specsOf(definition.configSchema).filter((spec) => spec.key !== 'destination_type');
  let config: Record<string, DestinationFieldSource> = {};
  const configMissing: MemberResult['missing'] = [];
  const resolveConfig = () => {
    for (const spec of configSpecs) {
      // A destination's name is given to its configuration explicitly by dlt: it is the default.
      const fallback = spec.key === 'destination_name' && spec.defaultValue === null ? name : spec.defaultValue;
      const keyPath = `destination.${name}.${spec.key}`;
      config[spec.key] = resolveOneField(context, spec, fieldPaths(['destination', name], spec.key), keyPath, fallback);
    }
    configMissing.push(...missingOf(configSpecs, config, `destination.${name}.`));
    // dlt resolves embedded configurations after the plain fields (base_configuration.py
    // `_get_resolvable_dataclass_fields`), each in its own section below the destination's.
    const location: ObjectLocation = { sections: ['destination'], key: name, prefix: '', base: `destination.${name}` };
    const embedded = resolveEmbedded(context, name, location, definition.nested, config, requireComplete);
    Object.assign(config, embedded.fields);
    configMissing.push(...embedded.missing);
  };
  let member: MemberResult | null;
  if (definition.selectCredentials) {
    resolveConfig();
    member = resolveCredentials(context, name, applicableVariants(definition, config), requireComplete);
  } else {
    member = resolveCredentials(context, name, definition.credentialsSchemas, requireComplete);
    resolveConfig();
  }
  if (requireComplete && configMissing.length > 0) throw fieldsMissing(name, configMissing);
  let credentials = member?.fields ?? {};
  if (definition.onResolved && configMissing.length === 0 && (member?.complete ?? true)) {
    ({ config, credentials } = runDestinationOnResolved(
      definition,
      name,
      config,
      credentials,
      member?.secretFields ?? [],
    ));
  }
  return {
    name,
    destinationType: definition.type,
    typeSource,
    credentialsVariant: member?.variant.name ?? null,
    config,
    credentials,
    secretFields: member ? member.secretFields : [],
  };
}

/**
 * dlt's `on_resolved` of the client configuration (resolve.py calls it once the whole configuration is
 * resolved, never on a partial one). A value it refuses names the field's key path and file.
 */
function runDestinationOnResolved(
  definition: DestinationDefinition,
  name: string,
  config: Record<string, DestinationFieldSource>,
  credentials: Record<string, DestinationFieldSource>,
  secretFields: readonly string[],
): { config: Record<string, DestinationFieldSource>; credentials: Record<string, DestinationFieldSource> } {
  try {
    const fixed: ResolvedFields = definition.onResolved!({ config: { ...config }, credentials: { ...credentials } });
    return { config: { ...fixed.config }, credentials: { ...fixed.credentials } };
  } catch (error) {
    if (!(error instanceof FieldValueRejected)) throw error;
    const inCredentials = error.field.startsWith('credentials.');
    const field = inCredentials ? error.field.slice('credentials.'.length) : error.field;
    const source = (inCredentials ? credentials : config)[field];
    const keyPath = `destination.${name}.${error.field}`;
    if (!source) throw new DlthubError('InvalidConfigValue', `\`${keyPath}\` ${error.problem}.`, { keyPath });
    const secret = inCredentials && secretFields.includes(field);
    throw fieldValueError('InvalidConfigValue', secret, source, keyPath, error.problem);
  }
}

/** Names of the tables under `[destination]` in the TOML families plus `DESTINATION__<NAME>__DESTINATION_TYPE` env vars. */
export function collectDestinationNames(
  families: readonly TomlFamilyProvider[],
  envNames: readonly string[],
): string[] {
  const names = new Set<string>();
  for (const family of families) family.addTableKeys(DESTINATION_SECTION, names);
  // `[destination.credentials]` is the generic fallback section, not a destination.
  names.delete('credentials');
  for (const envName of envNames) {
    const section = /^DESTINATION__(.+)__DESTINATION_TYPE$/.exec(envName)?.[1];
    if (section && !section.includes('__')) names.add(section.toLowerCase());
  }
  return [...names].sort();
}
