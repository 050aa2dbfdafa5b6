/**
 * The lookup loop (dlt resolve.py, reference §3.2): provider-outer, path-inner, first value
 * wins; an optional pipeline-name-prefixed pass runs first. Accessors look up one exact path.
 * Every (provider, key) pair asked is recorded; its strings are built only when read.
 */
import { buildLookupPaths } from './lookup-paths';
import type { ConfigProvider } from './providers/provider';
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
    private readonly path: readonly string[],
    readonly found: boolean,
  ) {}

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
      log.push(new Attempt(provider, path, hit !== undefined));
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

/** Field resolution over prebuilt section paths (see `buildLookupPaths`); returns the raw provider value. */
export function resolveFieldAtSections(
  providers: readonly ConfigProvider[],
  sectionPaths: readonly (readonly string[])[],
  key: string,
  options: { secret?: boolean; pipelineName?: string } = {},
): Resolved {
  const paths = sectionPaths.map((sections) => [...sections, key]);
  const log: AttemptLog = [];
  if (options.pipelineName) {
    const prefixed = paths.map((path) => [options.pipelineName!, ...path]);
    const result = resolveAtPaths(providers, prefixed, { secret: options.secret }, log);
    if (result.found) return result;
  }
  return resolveAtPaths(providers, paths, { secret: options.secret }, log);
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
