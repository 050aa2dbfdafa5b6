/**
 * Named destination resolution (dlt §3.6, §4, §9): the type from `destination.<name>.destination_type`
 * (exact path, any provider) or the name used as a type; destination-level fields at
 * `destination.<name>.k` → `destination.k` → `k`; credentials first as a whole (a secret lookup; a
 * string is the native form, a table is ignored), then field by field at
 * `destination.<name>.credentials.k` → `destination.credentials.k` → `credentials.k`. A union of
 * credentials variants is tried in order: the first that resolves completely wins (§3.2).
 * Partial results are accepted: a missing required field is undefined with provider null.
 */
import type { z } from 'zod';
import {
  coerceToKind,
  fieldDefault,
  fieldKind,
  passesPlainCheck,
  plainCheckOf,
  type FieldKind,
  type PlainCheck,
} from './coerce';
import { DlthubError } from './errors';
import { maskSecret } from './mask';
import type { CredentialsVariant, DestinationDefinition, FieldsSchema, Registry } from './registry';
import {
  keySlot,
  lookupDestinationField,
  type DestinationLookupPlan,
  type DestinationPlans,
} from './destination-plans';
import type { TomlFamilyProvider } from './providers/toml';
import { notFound, type LookupResult } from './resolve';
import { isTomlTable } from './toml-merge';
import type { DestinationFieldSource, Resolved, ResolvedDestination, ResolveDestinationOptions } from './types';

/** dlt never reads `dataset_name` of a destination from configuration (§9): it keeps its default. */
const NEVER_CONFIGURED_FIELDS: ReadonlySet<string> = new Set(['dataset_name']);
const DLT_MODULE_PREFIX = 'dlt.destinations.';
const NO_SECRET_FIELDS: readonly string[] = [];
const DESTINATION_SECTION = ['destination'] as const;
const TYPE_SLOT = keySlot('destination_type');
const CREDENTIALS_SLOT = keySlot('credentials');

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

interface FieldSpec {
  key: string;
  /** `keySlot(key)`: where a workspace keeps the key's shared answer. */
  slot: number;
  schema: z.ZodType;
  secret: boolean;
  kind: FieldKind;
  fallback: { has: boolean; value: unknown };
  /** The value a field that is not found takes (provider `default`); undefined when it has none. */
  defaultValue: unknown;
  /** No default and not optional: dlt reports it missing when nothing resolves it. */
  required: boolean;
  /** Validation left after coercion when it needs no zod; null = run the zod schema. */
  plainCheck: PlainCheck | null;
  /** One of NEVER_CONFIGURED_FIELDS: keeps its default whatever is configured. */
  neverConfigured: boolean;
}

/** A field dlt must find: not `.optional()`, no `.default()`, not nullable. */
function isRequiredField(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success && !schema.safeParse(null).success;
}

interface FieldSet {
  schema: FieldsSchema;
  secretFields: readonly string[];
  specs: FieldSpec[];
  /** Every key of the resolved record in order, unset: records are cloned from it (one shape, no growth per key). */
  template: Record<string, DestinationFieldSource>;
}

const fieldSets = new WeakMap<FieldsSchema, FieldSet>();
/** The last few field sets used, searched before the WeakMap: a workspace's destinations use a handful of schemas. */
const recentFieldSets: FieldSet[] = [];
const RECENT_FIELD_SETS = 8;

/** Field specs of a schema, computed once per schema (destinations are resolved many times). */
function fieldSetOf(schema: FieldsSchema, secretFields: readonly string[] = NO_SECRET_FIELDS): FieldSet {
  for (let index = 0; index < recentFieldSets.length; index++) {
    const recent = recentFieldSets[index]!;
    if (recent.schema === schema && recent.secretFields === secretFields) return recent;
  }
  let set = fieldSets.get(schema);
  if (!set || set.secretFields !== secretFields) {
    const specs = Object.entries(schema.shape).map(([key, fieldSchema]) => {
      const fallback = fieldDefault(fieldSchema as z.ZodType);
      return {
        key,
        slot: keySlot(key),
        schema: fieldSchema as z.ZodType,
        secret: secretFields.includes(key),
        kind: fieldKind(fieldSchema as z.ZodType),
        fallback,
        defaultValue: fallback.has ? fallback.value : undefined,
        required: isRequiredField(fieldSchema as z.ZodType),
        plainCheck: plainCheckOf(fieldSchema as z.ZodType),
        neverConfigured: NEVER_CONFIGURED_FIELDS.has(key),
      };
    });
    const template: Record<string, DestinationFieldSource> = {};
    for (const spec of specs)
      if (spec.key !== 'destination_type') template[spec.key] = undefined as unknown as DestinationFieldSource;
    set = { schema, secretFields, specs, template };
    fieldSets.set(schema, set);
  }
  recentFieldSets.unshift(set);
  if (recentFieldSets.length > RECENT_FIELD_SETS) recentFieldSets.length = RECENT_FIELD_SETS;
  return set;
}

function fieldsOf(schema: FieldsSchema, secretFields?: readonly string[]): FieldSpec[] {
  return fieldSetOf(schema, secretFields).specs;
}

function defaultSource(spec: FieldSpec, notFoundResult: LookupResult | null): DestinationFieldSource {
  const fallback = spec.fallback;
  const base = notFoundResult ?? notFound();
  if (fallback.has && fallback.value !== undefined) return base.withValue(fallback.value, 'default');
  return base;
}

/** A field value that cannot be used: names the key path, provider, file and line (the value masked when secret). */
function fieldValueError(
  code: 'ConfigValueCannotBeCoerced' | 'InvalidConfigValue',
  spec: FieldSpec,
  source: LookupResult,
  name: string,
  inCredentials: boolean,
  problem: string,
): DlthubError {
  const keyPath = `destination.${name}.${inCredentials ? 'credentials.' : ''}${spec.key}`;
  const shown = spec.secret ? maskSecret(String(source.value)) : JSON.stringify(source.value);
  return new DlthubError(code, `Value ${shown} of \`${keyPath}\` from ${whereOf(source)} ${problem}.`, {
    keyPath,
    provider: source.provider ?? undefined,
    location: locationOf(source),
    hint: `Fix \`${source.matchedKey}\` in ${source.file ?? source.provider}.`,
  });
}

/**
 * Coerces a found value to the field's kind, then validates it: with the field's zod schema, or
 * without zod when the schema is plain enough that the coerced type is all it checks.
 */
function finishField(spec: FieldSpec, source: LookupResult, name: string, inCredentials: boolean): LookupResult {
  if (!source.found) return source;
  const raw = source.value;
  const type = spec.kind.type;
  // Values that already have the field's type need no coercion (coerceToKind would return them as they are).
  const typed =
    (type === 'string' && typeof raw === 'string') ||
    (type === 'boolean' && typeof raw === 'boolean') ||
    (type === 'int' && typeof raw === 'number' && Number.isInteger(raw)) ||
    (type === 'float' && typeof raw === 'number');
  let value = raw;
  if (!typed) {
    const coerced = coerceToKind(spec.kind, raw);
    if (!coerced.ok)
      throw fieldValueError(
        'ConfigValueCannotBeCoerced',
        spec,
        source,
        name,
        inCredentials,
        `cannot be used: ${coerced.reason}`,
      );
    value = coerced.value;
  }
  if (spec.plainCheck !== null && passesPlainCheck(spec.plainCheck, value)) {
    return value === raw ? source : source.withValue(value);
  }
  const checked = spec.schema.safeParse(value);
  if (!checked.success) {
    const reasons = checked.error.issues.map((issue) => issue.message).join('; ');
    throw fieldValueError('InvalidConfigValue', spec, source, name, inCredentials, `is invalid: ${reasons}`);
  }
  return checked.data === source.value ? source : source.withValue(checked.data);
}

function resolveConfig(plan: DestinationLookupPlan, name: string, definition: DestinationDefinition) {
  const fieldSet = fieldSetOf(definition.configSchema);
  const config = { ...fieldSet.template };
  for (const spec of fieldSet.specs) {
    if (spec.key === 'destination_type') continue;
    if (spec.neverConfigured) {
      config[spec.key] = defaultSource(spec, null);
      continue;
    }
    const resolved = lookupDestinationField(plan, spec.key, spec.slot, spec.secret, false, spec.defaultValue);
    config[spec.key] = resolved.found ? finishField(spec, resolved, name, false) : resolved;
  }
  return config;
}

interface NativeCredentials {
  variant: CredentialsVariant;
  fields: Record<string, unknown>;
  source: LookupResult;
}

/**
 * Every variant that parses a whole-credentials string, in order (dlt tries each spec of the union with
 * its native representation); a JSON object goes to the first variant when no parser accepts the text.
 */
function parseNativeCredentials(
  name: string,
  variants: readonly CredentialsVariant[],
  whole: LookupResult,
): NativeCredentials[] {
  const native = whole.value;
  const reasons: string[] = [];
  const parsed: NativeCredentials[] = [];
  if (typeof native === 'string') {
    for (const variant of variants) {
      if (!variant.parseNative) continue;
      try {
        parsed.push({ variant, fields: variant.parseNative(native), source: whole });
      } catch (error) {
        reasons.push(`${variant.name}: ${(error as Error).message}`);
      }
    }
    if (parsed.length > 0) return parsed;
    try {
      const json: unknown = JSON.parse(native);
      if (isTomlTable(json) && variants[0]) return [{ variant: variants[0], fields: json, source: whole }];
    } catch {
      reasons.push('not a JSON object');
    }
  }
  const keyPath = whole.matchedKey ?? `destination.${name}.credentials`;
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

interface VariantAttempt {
  variant: CredentialsVariant;
  fields: Record<string, DestinationFieldSource>;
  anyFound: boolean;
  /** Every required field found (a variant with none found never counts as complete). */
  complete: boolean;
}

/**
 * dlt tries the specs of a credentials union in order and takes the first that resolves completely;
 * with partial results accepted it falls back to the first that found anything, else the first.
 * The candidates are the parsed native forms when there are some, else the variants.
 */
function chooseVariant(
  plan: DestinationLookupPlan,
  name: string,
  variants: readonly CredentialsVariant[],
  natives: readonly NativeCredentials[] | null,
): VariantAttempt | null {
  let firstAny: VariantAttempt | null = null;
  let first: VariantAttempt | null = null;
  const count = natives === null ? variants.length : natives.length;
  for (let index = 0; index < count; index++) {
    // Resolved one at a time: the search stops at the first complete variant.
    const native = natives === null ? null : natives[index]!;
    const attempt = resolveVariantFields(plan, name, native === null ? variants[index]! : native.variant, native);
    if (attempt.complete) return attempt;
    if (attempt.anyFound) firstAny ??= attempt;
    first ??= attempt;
  }
  return firstAny ?? first;
}

function resolveVariantFields(
  plan: DestinationLookupPlan,
  name: string,
  variant: CredentialsVariant,
  native: NativeCredentials | null,
): VariantAttempt {
  const fieldSet = fieldSetOf(variant.schema, variant.secretFields);
  const fields = { ...fieldSet.template };
  let anyFound = false;
  let complete = true;
  for (const spec of fieldSet.specs) {
    const nativeValue = native?.fields[spec.key];
    const fallback = spec.fallback;
    // A native value fills only the fields it sets to non-default values; the rest are looked up (§9).
    const setByNative =
      native !== null && nativeValue !== undefined && !(fallback.has && isSameValue(fallback.value, nativeValue));
    if (setByNative) {
      fields[spec.key] = finishField(spec, native.source.withValue(nativeValue), name, true);
      anyFound = true;
      continue;
    }
    const resolved = lookupDestinationField(plan, spec.key, spec.slot, spec.secret, false, spec.defaultValue);
    if (resolved.found) {
      fields[spec.key] = finishField(spec, resolved, name, true);
      anyFound = true;
    } else {
      fields[spec.key] = resolved;
      if (spec.required) complete = false;
    }
  }
  return { variant, fields, anyFound, complete: complete && anyFound };
}

function isSameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

function applicableVariants(
  definition: DestinationDefinition,
  config: Record<string, DestinationFieldSource>,
): readonly CredentialsVariant[] {
  if (!definition.selectCredentials) return definition.credentialsSchemas;
  const values = Object.fromEntries(Object.entries(config).map(([key, source]) => [key, source.value]));
  const names = definition.selectCredentials(values);
  return names
    .map((variantName) => definition.credentialsSchemas.find((variant) => variant.name === variantName))
    .filter((variant): variant is CredentialsVariant => variant !== undefined);
}

/** The type from `destination.<name>.destination_type`: the exact path only (the plan of `destination.<name>` alone). */
function resolveDestinationType(
  exact: DestinationLookupPlan,
  registry: Registry | undefined,
  name: string,
): { definition: DestinationDefinition; typeSource: Resolved | null } {
  const typeSource = lookupDestinationField(exact, 'destination_type', TYPE_SLOT);
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

/** dlt's ConfigFieldMissingException: every missing required field with every (provider, key) tried. */
function fieldsMissing(name: string, missing: { keyPath: string; source: DestinationFieldSource }[]): DlthubError {
  const details = missing.map(({ keyPath, source }) => {
    const tried = source.tried.map((attempt) => `    ${attempt.provider}: ${attempt.nativeKey}`).join('\n');
    return `  ${keyPath}\n${tried}`;
  });
  return new DlthubError(
    'ConfigFieldMissing',
    `Destination "${name}" is missing required field${missing.length > 1 ? 's' : ''} ${missing.map((entry) => `\`${entry.keyPath}\``).join(', ')}. Looked up:\n${details.join('\n')}`,
    {
      keyPath: missing[0]!.keyPath,
      hint: `Set \`${missing[0]!.keyPath}\` in ${missing[0]!.keyPath.includes('.credentials.') ? '.dlt/secrets.toml (or .dlt/<profile>.secrets.toml)' : '.dlt/config.toml (or .dlt/<profile>.config.toml)'} or as the environment variable ${missing[0]!.keyPath.replace(/\./g, '__').toUpperCase()}.`,
    },
  );
}

export function resolveDestination(
  plans: DestinationPlans,
  registry: Registry | undefined,
  name: string,
  options: ResolveDestinationOptions = {},
): ResolvedDestination {
  // Each provider's view of each section is taken once and shared by every field of the destination.
  const { config: plan, exact, credentials: credentialsPlan } = plans.plansFor(name);
  const { definition, typeSource } = resolveDestinationType(exact, registry, name);
  const config = resolveConfig(plan, name, definition);
  const variants = applicableVariants(definition, config);
  let credentials: Record<string, DestinationFieldSource> = {};
  let chosen: CredentialsVariant | null = null;
  if (variants.length > 0) {
    // The whole credentials object is looked up first, as a secret (so a table in config.toml fails).
    // Only a string is used (a table means "field by field"), so a table need not be merged.
    const whole = lookupDestinationField(plan, 'credentials', CREDENTIALS_SLOT, true, true);
    const natives = whole.found && !isTomlTable(whole.value) ? parseNativeCredentials(name, variants, whole) : null;
    const picked = chooseVariant(credentialsPlan, name, variants, natives);
    if (picked) {
      chosen = picked.variant;
      credentials = picked.fields;
    }
  }
  if (options.requireComplete) {
    const missing = [
      ...fieldsOf(definition.configSchema)
        .filter((spec) => spec.required && config[spec.key]?.provider === null)
        .map((spec) => ({ keyPath: `destination.${name}.${spec.key}`, source: config[spec.key]! })),
      ...(chosen ? fieldsOf(chosen.schema, chosen.secretFields) : [])
        .filter((spec) => spec.required && credentials[spec.key]?.provider === null)
        .map((spec) => ({ keyPath: `destination.${name}.credentials.${spec.key}`, source: credentials[spec.key]! })),
    ];
    if (missing.length > 0) throw fieldsMissing(name, missing);
  }
  return {
    name,
    destinationType: definition.type,
    typeSource,
    credentialsVariant: chosen?.name ?? null,
    config,
    credentials,
    secretFields: chosen ? chosen.secretFields.slice() : [],
  };
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
    const match = /^DESTINATION__(.+)__DESTINATION_TYPE$/.exec(envName);
    if (match && !match[1]!.includes('__')) names.add(match[1]!.toLowerCase());
  }
  return [...names].sort();
}
