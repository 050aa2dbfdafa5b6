/**
 * The lookup loop (dlt resolve.py, reference §3.2): provider-outer, path-inner, first value
 * wins; an optional pipeline-name-prefixed pass runs first. Accessors look up one exact path.
 * Every (provider, key) pair asked is recorded; its strings are built only when read.
 */
import { buildLookupPaths } from './lookup-paths';
import type { ConfigProvider, SectionView } from './providers/provider';
import { valueNotSecretError } from './secrets';
import type { FieldLookup, LookupAttempt, ProviderName, Resolved } from './types';

export interface LookupOptions {
  /** Secret-typed field: finding it in a provider that may not hold secrets throws ValueNotSecret. */
  secret?: boolean;
}

/**
 * One (provider, key) asked. The dotted key and the provider-native spelling are built only
 * when read: a resolution asks many paths and most attempts are never looked at.
 */
class Attempt implements LookupAttempt {
  constructor(
    private readonly source: ConfigProvider,
    private readonly sections: readonly string[],
    private readonly field: string | null,
    readonly found: boolean,
  ) {}

  private get path(): readonly string[] {
    return this.field === null ? this.sections : [...this.sections, this.field];
  }

  get provider(): ProviderName {
    return this.source.name;
  }

  get key(): string {
    return this.path.join('.');
  }

  get nativeKey(): string {
    return this.source.nativeKey(this.path);
  }

  toJSON(): LookupAttempt {
    return { provider: this.provider, key: this.key, nativeKey: this.nativeKey, found: this.found };
  }
}

export type AttemptLog = LookupAttempt[];

/** The same provenance with another value (coerced or cast). */
export function withValue(resolved: Resolved, value: unknown, provider: ProviderName | null = resolved.provider): Resolved {
  return { ...resolved, value, provider };
}

export function notFound(tried: AttemptLog = []): Resolved {
  return { value: undefined, found: false, provider: null, matchedKey: null, file: null, line: null, tried };
}

/** Asks every provider at every path (provider outer, path inner); the first hit wins. */
export function resolveAtPaths(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  options: LookupOptions = {},
  log: AttemptLog = [],
): Resolved {
  for (const provider of providers) {
    if (provider.isEmpty) continue;
    for (const path of paths) {
      const hit = provider.get(path);
      log.push(new Attempt(provider, path, null, hit !== undefined));
      if (hit === undefined) continue;
      const key = path.join('.');
      if (options.secret && !provider.supportsSecrets) {
        // dlt raises ValueNotSecretException here and does not look further.
        throw valueNotSecretError(provider.name, key, hit.file, hit.line, path.join('__').toUpperCase());
      }
      return { value: hit.value, found: true, provider: provider.name, matchedKey: key, file: hit.file, line: hit.line, tried: log };
    }
  }
  return notFound(log);
}

/**
 * Section paths prepared once for many keys: each provider's view of each section (or null when
 * nothing exists there), so resolving a key is a property read per (provider, section).
 */
export interface PreparedSections {
  providers: readonly ConfigProvider[];
  sectionPaths: readonly (readonly string[])[];
  /** views[providerIndex][pathIndex]; undefined when the provider has no section fast path. */
  views: (SectionView | null | undefined)[][];
}

export function prepareSections(providers: readonly ConfigProvider[], sectionPaths: readonly (readonly string[])[]): PreparedSections {
  const views = providers.map((provider) =>
    provider.isEmpty ? [] : sectionPaths.map((sections) => (provider.section ? provider.section(sections) : undefined)),
  );
  return { providers, sectionPaths, views };
}

/** `resolveAtPaths` over prepared sections and one key: same order, same attempts, same secret rule. */
export function resolveKeyInSections(prepared: PreparedSections, key: string, options: LookupOptions = {}, log: AttemptLog = []): Resolved {
  const { providers, sectionPaths, views } = prepared;
  for (let providerIndex = 0; providerIndex < providers.length; providerIndex++) {
    const provider = providers[providerIndex]!;
    if (provider.isEmpty) continue;
    const providerViews = views[providerIndex]!;
    for (let pathIndex = 0; pathIndex < sectionPaths.length; pathIndex++) {
      const sections = sectionPaths[pathIndex]!;
      const view = providerViews[pathIndex];
      const hit = view === undefined ? provider.get([...sections, key]) : view === null ? undefined : view.get(key);
      log.push(new Attempt(provider, sections, key, hit !== undefined));
      if (hit === undefined) continue;
      const path = [...sections, key];
      const matchedKey = path.join('.');
      if (options.secret && !provider.supportsSecrets) {
        // dlt raises ValueNotSecretException here and does not look further.
        throw valueNotSecretError(provider.name, matchedKey, hit.file, hit.line, path.join('__').toUpperCase());
      }
      return { value: hit.value, found: true, provider: provider.name, matchedKey, file: hit.file, line: hit.line, tried: log };
    }
  }
  return notFound(log);
}

/** Field resolution over prepared section paths (see `buildLookupPaths`); returns the raw provider value. */
export function resolveFieldInSections(
  prepared: PreparedSections,
  key: string,
  options: { secret?: boolean; pipelineName?: string } = {},
): Resolved {
  const log: AttemptLog = [];
  if (options.pipelineName) {
    const prefixed = prepareSections(
      prepared.providers,
      prepared.sectionPaths.map((sections) => [options.pipelineName!, ...sections]),
    );
    const result = resolveKeyInSections(prefixed, key, { secret: options.secret }, log);
    if (result.found) return result;
  }
  return resolveKeyInSections(prepared, key, { secret: options.secret }, log);
}

/** Field resolution over prebuilt section paths; returns the raw provider value. */
export function resolveFieldAtSections(
  providers: readonly ConfigProvider[],
  sectionPaths: readonly (readonly string[])[],
  key: string,
  options: { secret?: boolean; pipelineName?: string } = {},
): Resolved {
  return resolveFieldInSections(prepareSections(providers, sectionPaths), key, options);
}

/** Field resolution with dlt's section fallback paths; returns the raw provider value. */
export function resolveField(providers: readonly ConfigProvider[], lookup: FieldLookup): Resolved {
  return resolveFieldAtSections(providers, buildLookupPaths(lookup.sections), lookup.key, lookup);
}

/** Splits an accessor path `a.b.c` into sections and key (dlt splits on `.`). */
export function splitDottedPath(path: string): string[] {
  return path.split('.').filter((part) => part.length > 0);
}

/** Accessor lookup: the exact path only, no secret rule (dlt accessors.py). */
export function lookupExact(providers: readonly ConfigProvider[], path: readonly string[]): Resolved {
  if (path.length === 0) return notFound();
  return resolveAtPaths(providers, [path]);
}
