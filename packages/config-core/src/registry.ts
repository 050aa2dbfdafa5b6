/**
 * The plugin registry: destination types, profiles and extra config providers are plain values
 * that plugins declare; a registry is built explicitly from a list of plugins. Nothing registers
 * itself on import, so Nx workers and Jest module isolation see exactly what they were given.
 */
import { z } from 'zod';
import { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from './profile-name';
import { DlthubError } from './errors';
import type { DestinationFieldSource } from './types';

/** A zod object schema describing a flat table of fields (destination config or one credentials variant). */
export type FieldsSchema = z.ZodObject<z.ZodRawShape>;

export type ProfileScope = 'local' | 'synced';

export interface ProfileDefinition {
  readonly kind: 'profile';
  readonly name: string;
  readonly scope: ProfileScope;
  /** One line, as `dlthub profile list` prints it (dlt's wording for the built-ins). */
  readonly description: string;
  /** Who runs with this profile, e.g. "local runs" or "batch jobs on the dltHub platform". */
  readonly usedBy: string;
  /** Profile used instead when this one is not configured (dlt: `access` falls back to `prod`). */
  readonly fallback?: string;
  /** The profile chosen when nothing else selects one (`dev`). At most one per registry. */
  readonly isDefault?: boolean;
}

/** What an extra provider is told about the context it serves. */
export interface ProviderContext {
  readonly profile: string | null;
  readonly workspaceDir: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ConfigProviderDefinition {
  readonly kind: 'provider';
  /** Provider name as it appears in provenance and `config explain`. */
  readonly name: string;
  /** A provider that may not hold secrets makes a secret found there an error (dlt's ValueNotSecret). */
  readonly supportsSecrets: boolean;
  /** Value at the exact path (sections then key), or undefined when absent. */
  get(path: readonly string[], context: ProviderContext): unknown;
}

// Kept beside errors (no zod) so resolution can catch it on the registry-free read path.
export { FieldValueRejected } from './errors';

export interface CredentialsVariant {
  /** e.g. `connection_string`, `service_account`, `oauth`, `aws`, `azure_key`. */
  readonly name: string;
  readonly description: string;
  /** Field names and types follow dlt's credentials spec so the same TOML serves Python dlt. */
  readonly schema: FieldsSchema;
  /** Fields dlt types as secrets; a value for them found in a config-only provider is refused. */
  readonly secretFields: readonly string[];
  /** Parses the native representation (connection string, service-account JSON) into fields; throws on malformed input. */
  readonly parseNative?: (native: string) => Record<string, unknown>;
  /**
   * dlt's `on_resolved` fix-ups (a private key's trailing newline, a stripped password), given every field's
   * value; returns the values to use. Run only when the credentials resolve completely. A check that refuses
   * a value (mssql's ODBC driver) throws `FieldValueRejected`; resolution names the key and its file.
   */
  readonly onResolved?: (fields: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /**
   * Configurations embedded in this one under their own key (dlt: a field typed as another configuration,
   * e.g. ducklake's `catalog` and `storage`). Each resolves after the plain fields, one section deeper.
   */
  readonly nested?: Readonly<Record<string, NestedConfiguration>>;
}

/** A configuration embedded in a credentials variant (or in another nested configuration). */
export interface NestedConfiguration {
  readonly description: string;
  /** Its union members in dlt's order; one for a plain configuration. */
  readonly variants: readonly CredentialsVariant[];
  /** Names of the members that apply, given the values of the plain fields of the same configuration. */
  readonly select?: (values: Readonly<Record<string, unknown>>) => readonly string[];
  /** dlt types it as credentials, so its whole value is looked up as a secret (default true). */
  readonly secret?: boolean;
  /**
   * What dlt fills in (`on_partial`) when none of its own fields is configured, given the enclosing
   * configuration's plain values; the enclosing configuration is then complete without it.
   */
  readonly fallback?: (parent: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /**
   * When the fallback applies, given the nested configuration's resolved fields; absent = when none of them
   * is configured. When this says so, the fallback replaces the whole configuration: its other fields take
   * their defaults (dlt builds a fresh one, e.g. ducklake's storage when its `bucket_url` is missing).
   */
  readonly fallbackWhen?: (fields: Readonly<Record<string, DestinationFieldSource>>) => boolean;
}

/**
 * The fields of one resolved destination as a destination-level fix-up sees them: values with their
 * provenance, configuration fields by name (nested ones as `<key>.<field>`), credentials fields likewise.
 */
export interface ResolvedFields {
  readonly config: Readonly<Record<string, DestinationFieldSource>>;
  readonly credentials: Readonly<Record<string, DestinationFieldSource>>;
}

/** What a generator writes for one named destination in one profile. */
export interface DestinationScaffold {
  /** Keys under `[destination.<name>]` besides `destination_type`, written to `<profile>.config.toml`. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Keys under `[destination.<name>.credentials]`, written to `<profile>.secrets.toml` only. */
  readonly credentials: Readonly<Record<string, unknown>>;
}

export interface DestinationDefinition {
  readonly kind: 'destination';
  /** dlt's destination type name (`duckdb`, `postgres`, …); also the shorthand reference. */
  readonly type: string;
  readonly description: string;
  /** Destination-level fields (`[destination.<name>] …`), defaults as zod `.default()`. */
  readonly configSchema: FieldsSchema;
  /** Credentials variants in the order dlt tries a union; empty when the type needs none. */
  readonly credentialsSchemas: readonly CredentialsVariant[];
  /**
   * Names of the variants that apply given the resolved destination-level config
   * (filesystem picks by `bucket_url` scheme). Absent = all variants, in order.
   */
  readonly selectCredentials?: (config: Readonly<Record<string, unknown>>) => readonly string[];
  /**
   * Configurations embedded in the destination's own configuration under their own key (dlt: a field of
   * the client configuration typed as another configuration, e.g. qdrant's `options`). Each resolves in its
   * own section below `[destination.<name>]`; its fields appear in the result as `<key>.<field>`.
   */
  readonly nested?: Readonly<Record<string, NestedConfiguration>>;
  /**
   * dlt's `on_resolved` of the client configuration: fix-ups across its fields and its credentials, run only
   * when the whole destination resolved completely. It returns the fields to use; a field taken over from
   * another keeps that one's provenance (copy the source). A check that refuses a value throws
   * `FieldValueRejected` naming a configuration field, or a credentials field as `credentials.<field>`.
   */
  readonly onResolved?: (fields: ResolvedFields) => ResolvedFields;
  /** Scaffolds for local profiles (`dev`, `tests`) and for synced ones (`prod`, `access`, custom). */
  readonly scaffold: { readonly dev: DestinationScaffold; readonly prod: DestinationScaffold };
  /**
   * The Python requirements (PEP 508 strings, e.g. `dlt[postgres]>=1.26`) a project needs for this destination,
   * given its destination-level config (filesystem adds `s3fs`/`gcsfs`/`adlfs` by the `bucket_url` scheme).
   */
  readonly pythonRequirements?: (config: Readonly<Record<string, unknown>>) => readonly string[];
}

export interface DlthubPlugin {
  readonly kind: 'plugin';
  readonly name: string;
  readonly destinations: readonly DestinationDefinition[];
  readonly profiles: readonly ProfileDefinition[];
  readonly providers: readonly ConfigProviderDefinition[];
}

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and underscores, starting with a letter');
const profileName = z.string().regex(PROFILE_NAME_PATTERN, `must be ${PROFILE_NAME_RULE} (no path characters)`);
const fieldsSchema = z.custom<FieldsSchema>((value) => value instanceof z.ZodObject, 'must be a zod object schema');

const scaffoldInput = z.object({
  config: z.record(z.string(), z.unknown()),
  credentials: z.record(z.string(), z.unknown()),
});

const variantInput = z.object({
  name: identifier,
  description: z.string().min(1),
  schema: fieldsSchema,
  secretFields: z.array(z.string()).readonly(),
  parseNative: z.function().optional(),
  onResolved: z.function().optional(),
  nested: z.record(z.string(), z.object({ variants: z.array(z.any()).min(1) }).loose()).optional(),
});

const destinationInput = z.object({
  type: identifier,
  description: z.string().min(1),
  configSchema: fieldsSchema,
  credentialsSchemas: z.array(variantInput).readonly(),
  selectCredentials: z.function().optional(),
  nested: z.record(z.string(), z.object({ variants: z.array(z.any()).min(1) }).loose()).optional(),
  onResolved: z.function().optional(),
  scaffold: z.object({ dev: scaffoldInput, prod: scaffoldInput }),
  pythonRequirements: z.function().optional(),
});

const profileInput = z.object({
  name: profileName,
  scope: z.enum(['local', 'synced']),
  description: z.string().min(1),
  usedBy: z.string().min(1),
  fallback: profileName.optional(),
  isDefault: z.boolean().optional(),
});

const providerInput = z.object({
  name: z.string().min(1),
  supportsSecrets: z.boolean(),
  get: z.function(),
});

function parseDefinition<T>(schema: z.ZodType, what: string, input: T): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new DlthubError('InvalidPlugin', `Invalid ${what}: ${issues.join('; ')}`);
  }
  return input;
}

export function defineDestination(input: Omit<DestinationDefinition, 'kind'>): DestinationDefinition {
  parseDefinition(destinationInput, `destination definition "${String(input?.type)}"`, input);
  const checkSecrets = (variants: readonly CredentialsVariant[]) => {
    for (const variant of variants) {
      const unknownSecrets = variant.secretFields.filter((field) => !(field in variant.schema.shape));
      if (unknownSecrets.length > 0) {
        throw new DlthubError(
          'InvalidPlugin',
          `Invalid destination definition "${input.type}": credentials variant "${variant.name}" marks unknown secret fields ${unknownSecrets.join(', ')}`,
        );
      }
      for (const nested of Object.values(variant.nested ?? {})) checkSecrets(nested.variants);
    }
  };
  checkSecrets(input.credentialsSchemas);
  for (const nested of Object.values(input.nested ?? {})) checkSecrets(nested.variants);
  return Object.freeze({ kind: 'destination' as const, ...input });
}

export function defineProfile(input: Omit<ProfileDefinition, 'kind'>): ProfileDefinition {
  parseDefinition(profileInput, `profile definition "${String(input?.name)}"`, input);
  return Object.freeze({ kind: 'profile' as const, ...input });
}

export function defineConfigProvider(input: Omit<ConfigProviderDefinition, 'kind'>): ConfigProviderDefinition {
  parseDefinition(providerInput, `config provider "${String(input?.name)}"`, input);
  return Object.freeze({ kind: 'provider' as const, ...input });
}

export interface PluginInput {
  name: string;
  destinations?: readonly DestinationDefinition[];
  profiles?: readonly ProfileDefinition[];
  providers?: readonly ConfigProviderDefinition[];
}

export function definePlugin(input: PluginInput): DlthubPlugin {
  if (typeof input?.name !== 'string' || input.name.length === 0) {
    throw new DlthubError('InvalidPlugin', 'A plugin needs a non-empty "name" (usually its package name).');
  }
  const parts = [...(input.destinations ?? []), ...(input.profiles ?? []), ...(input.providers ?? [])] as readonly {
    kind?: unknown;
  }[];
  const stray = parts.find((part) => !['destination', 'profile', 'provider'].includes(String(part?.kind)));
  if (stray) {
    throw new DlthubError(
      'InvalidPlugin',
      `Plugin "${input.name}" lists a value that was not made with defineDestination, defineProfile or defineConfigProvider.`,
    );
  }
  return Object.freeze({
    kind: 'plugin' as const,
    name: input.name,
    destinations: Object.freeze([...(input.destinations ?? [])]),
    profiles: Object.freeze([...(input.profiles ?? [])]),
    providers: Object.freeze([...(input.providers ?? [])]),
  });
}

export function isPlugin(value: unknown): value is DlthubPlugin {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'plugin';
}

interface Owned<T> {
  readonly definition: T;
  readonly plugin: string;
}

export interface Registry {
  readonly plugins: readonly DlthubPlugin[];
  readonly providers: readonly ConfigProviderDefinition[];
  destinationTypes(): string[];
  getDestination(type: string): DestinationDefinition | undefined;
  /** The plugin that declared a destination type or profile. */
  ownerOf(kind: 'destination' | 'profile', name: string): string | undefined;
  profileNames(): string[];
  getProfile(name: string): ProfileDefinition | undefined;
  defaultProfile(): string;
}

function indexBy<T>(
  plugins: readonly DlthubPlugin[],
  pick: (plugin: DlthubPlugin) => readonly T[],
  keyOf: (item: T) => string,
  what: string,
): Map<string, Owned<T>> {
  const index = new Map<string, Owned<T>>();
  for (const plugin of plugins) {
    for (const item of pick(plugin)) {
      const key = keyOf(item);
      const existing = index.get(key);
      if (existing) {
        throw new DlthubError(
          'PluginConflict',
          `${what} "${key}" is declared by two plugins: "${existing.plugin}" and "${plugin.name}".`,
          { hint: 'Remove one of them from the "dlthub.plugins" list in package.json.' },
        );
      }
      index.set(key, { definition: item, plugin: plugin.name });
    }
  }
  return index;
}

/** Fallback default when no registered profile is marked default: dlt's `dev`. */
const DLT_DEFAULT_PROFILE = 'dev';

export function createRegistry(plugins: readonly DlthubPlugin[]): Registry {
  plugins.forEach((plugin, position) => {
    if (!isPlugin(plugin)) {
      throw new DlthubError(
        'InvalidPlugin',
        `createRegistry: entry ${position} is not a plugin made with definePlugin.`,
      );
    }
  });
  const destinations = indexBy(
    plugins,
    (p) => p.destinations,
    (d) => d.type,
    'Destination type',
  );
  const profiles = indexBy(
    plugins,
    (p) => p.profiles,
    (p) => p.name,
    'Profile',
  );
  indexBy(
    plugins,
    (p) => p.providers,
    (p) => p.name,
    'Config provider',
  );
  const defaults = [...profiles.values()].filter((owned) => owned.definition.isDefault);
  if (defaults.length > 1) {
    throw new DlthubError(
      'PluginConflict',
      `Two default profiles are declared: ${defaults.map((d) => `"${d.definition.name}" (${d.plugin})`).join(' and ')}.`,
    );
  }
  const providers = Object.freeze(plugins.flatMap((plugin) => plugin.providers));
  return Object.freeze({
    plugins: Object.freeze([...plugins]),
    providers,
    destinationTypes: () => [...destinations.keys()].sort(),
    getDestination: (type: string) => destinations.get(type)?.definition,
    ownerOf: (kind: 'destination' | 'profile', name: string) =>
      (kind === 'destination' ? destinations.get(name) : profiles.get(name))?.plugin,
    profileNames: () => [...profiles.keys()],
    getProfile: (name: string) => profiles.get(name)?.definition,
    defaultProfile: () => defaults[0]?.definition.name ?? DLT_DEFAULT_PROFILE,
  });
}
