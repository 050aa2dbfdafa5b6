/**
 * Public shapes of the config engine. Other packages (auth, cli, nx) code against these;
 * change them only by adding.
 */
import type { Registry } from './registry';

/** dlt's provider names, as provenance and the conformance corpus spell them. */
export type BuiltinProviderName = 'Environment Variables' | 'secrets.toml' | 'config.toml';
export type ProviderName = BuiltinProviderName | (string & {});

export type Env = Readonly<Record<string, string | undefined>>;

export interface OpenWorkspaceOptions {
  /** Directory to run in; the workspace is `<cwd>/.dlt/.workspace` (not searched upwards, as dlt). */
  cwd: string;
  /** Explicitly requested profile (`--profile`); wins over `WORKSPACE__PROFILE` and the pin file. */
  profile?: string;
  /** Environment seen by the env provider and the selectors; injected, never read from `process`. */
  env: Env;
  /** Global settings dir; default follows dlt (`/var/dlt` as root, `~/.dlt`, `$XDG_DATA_HOME/dlt`), `DLTHUB_GLOBAL_DIR` overrides. */
  globalDir?: string;
  /** Home dir used for the global-dir rule; defaults to `env.HOME`. */
  homeDir?: string;
  /** Registry of plugins (destination types, profiles, extra providers). */
  registry?: Registry;
  /**
   * Folder of secret files the env provider reads for secret-typed lookups (dlt's `/run/secrets`, the
   * default); null reads none.
   */
  secretsDir?: string | null;
}

export type ProfileSource = 'explicit' | 'env' | 'pin' | 'default';

export type TomlFamily = 'config' | 'secrets';

/** One TOML file of a family, in precedence order (earlier wins). */
export interface TomlFileInfo {
  family: TomlFamily;
  /** `project` = `<workspace>/.dlt`, `global` = the global settings dir. */
  location: 'project' | 'global';
  /** Profile the file belongs to, or null for the base `config.toml`/`secrets.toml`. */
  profile: string | null;
  path: string;
  /** Path shown to users: relative to the workspace root for project files, absolute for global ones. */
  displayPath: string;
  exists: boolean;
}

/** One (provider, key) pair the resolver asked, in order. */
export interface LookupAttempt {
  provider: ProviderName;
  /** Dotted path (env keys are reported dotted too, as dlt's corpus does). */
  key: string;
  /** The provider-native spelling, e.g. `DESTINATION__WAREHOUSE__CREDENTIALS__PASSWORD`. */
  nativeKey: string;
  found: boolean;
}

/** A value with where it came from. */
export interface Resolved<T = unknown> {
  /** Undefined when nothing was found (see `found`). */
  value: T | undefined;
  found: boolean;
  provider: ProviderName | null;
  /** Dotted path at which the value was found. */
  matchedKey: string | null;
  /** File that held it (display path), for TOML providers. */
  file: string | null;
  /** 1-based line in `file` where the key is defined, when known. */
  line: number | null;
  /** Every (provider, key) asked, in order, up to and including the winner. */
  tried: LookupAttempt[];
}

export interface FieldLookup {
  /** Sections the field is declared in, e.g. `['sources', 'notion', 'notion_databases']`. */
  sections: readonly string[];
  key: string;
  /** Secret-typed field: a value found in a provider that does not support secrets is an error. */
  secret?: boolean;
  /** Pipeline name: a prefixed pass over all providers runs first (dlt §3.2). */
  pipelineName?: string;
}

export type DestinationFieldSource = Resolved & {
  /** `default` when the plugin's default applied. */
  provider: ProviderName | 'default' | null;
};

export interface ResolvedDestination {
  name: string;
  destinationType: string;
  /** Where `destination_type` came from; null when the name was used as the type. */
  typeSource: Resolved | null;
  /** Credentials variant that was used (e.g. `aws`, `service_account`), null when the type has none. */
  credentialsVariant: string | null;
  config: Record<string, DestinationFieldSource>;
  credentials: Record<string, DestinationFieldSource>;
  /** Field names of `credentials` that are secret (for masking). */
  secretFields: string[];
}

export interface ResolveDestinationOptions {
  /** Throw ConfigFieldMissing when a required field (no default) resolved to nothing. */
  requireComplete?: boolean;
}

export interface WorkspaceRuntimeSettings {
  [key: string]: Resolved;
}

export interface Workspace {
  /** `workspace` when `.dlt/.workspace` exists, `classic` otherwise (no profiles). */
  mode: 'workspace' | 'classic';
  rootDir: string;
  settingsDir: string;
  name: string;
  /** Active profile; null in classic mode. */
  profile: string | null;
  profileSource: ProfileSource | null;
  /** Profile named in `.dlt/profile-name`, if any. */
  pinnedProfile: string | null;
  /** Per-profile pipelines working dir (`.dlt/state/<profile>`) and local data dir (`.dlt/data/<profile>`). */
  dataDir: string;
  localDir: string;
  globalDir: string;
  /** TOML files of the active set, config family then secrets family, each in precedence order. */
  files: TomlFileInfo[];
  /** Provider names in lookup order. */
  providerNames: ProviderName[];
  registry: Registry | undefined;

  /** Resolve a spec field with dlt's section fallback paths and the secret rule. */
  resolveField(lookup: FieldLookup): Resolved;
  /** `dlt.config["a.b.c"]`: exact path, every provider, auto-cast strings. */
  get(path: string): Resolved;
  /** `dlt.secrets["a.b.c"]`: exact path, only providers that support secrets. */
  getSecret(path: string): Resolved;
  /**
   * Named destination resolution through the registry. Partial results are accepted (dlt's
   * `accept_partial`) unless `requireComplete`, which throws ConfigFieldMissing listing every key tried.
   */
  resolveDestination(name: string, options?: ResolveDestinationOptions): ResolvedDestination;
  /** Names under `[destination.*]` in the active files and `DESTINATION__*__DESTINATION_TYPE` env vars. */
  destinationNames(): string[];
  /** Effective `[runtime]` settings (workspace.runtime then runtime), with dlt/product defaults. */
  runtime(): WorkspaceRuntimeSettings;
  /** One effective runtime setting (same rules as `runtime()`), without resolving the others. */
  runtimeValue(key: string): Resolved;
  /** Merged TOML view of one family (or both), every leaf with provenance. */
  mergedView(family?: TomlFamily): MergedNode;
}

export type MergedNode =
  | { kind: 'table'; entries: Record<string, MergedNode> }
  | { kind: 'value'; value: unknown; file: string; line: number | null; family: TomlFamily; secret: boolean };
