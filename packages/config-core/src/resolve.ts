/**
 * The lookup loop (dlt resolve.py, reference §3.2), the only one: provider outer, path inner, first value
 * wins. Field lookups, accessors, runtime settings and destinations all ask it, with paths from
 * `buildLookupPaths` (or one exact path). Results are plain data: value, provider, matched key, file,
 * line and every (provider, key) asked.
 */
import { buildLookupPaths } from './lookup-paths';
import type { ConfigProvider } from './providers/provider';
import { valueNotSecretError } from './secrets';
import type { FieldLookup, LookupAttempt, ProviderName, Resolved } from './types';

export interface LookupOptions {
  /** Secret-typed field: finding it in a provider that may not hold secrets throws ValueNotSecret. */
  secret?: boolean;
  /** A pipeline context: every provider and path is first tried prefixed by the pipeline name (dlt §3.2). */
  pipelineName?: string;
}

/** Where a value was found: what the caller may need beyond the public `Resolved` (the file's literal). */
export interface LookupHit {
  provider: ConfigProvider;
  path: readonly string[];
  value: unknown;
  fileIndex: number;
}

export interface Lookup {
  resolved: Resolved;
  hit: LookupHit | null;
}

function secretError(provider: ConfigProvider, path: readonly string[], fileIndex: number) {
  const file = fileIndex >= 0 ? (provider.fileOf?.(fileIndex) ?? null) : null;
  const line = fileIndex >= 0 ? (provider.lineOf?.(fileIndex, path) ?? null) : null;
  // dlt raises ValueNotSecretException here and does not look further.
  return valueNotSecretError(provider.name, path.join('.'), file, line, path.join('__').toUpperCase());
}

/** One pass over every provider and path; attempts are appended to `tried`. */
function search(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  secret: boolean,
  tried: LookupAttempt[],
): LookupHit | null {
  // Every provider is asked at the same paths: their dotted keys are built once per lookup.
  const keyed = paths.map((path) => ({ path, key: path.join('.') }));
  for (const provider of providers) {
    if (provider.isEmpty) continue;
    // dlt leaves providers that cannot hold a secret out of a secret field's traces.
    const traced = !secret || provider.supportsSecrets;
    for (const { path, key } of keyed) {
      const found = provider.get(path, secret);
      if (found === undefined) {
        if (traced)
          tried.push({ provider: provider.name, key, nativeKey: provider.nativeKey?.(path) ?? key, found: false });
        continue;
      }
      if (secret && !provider.supportsSecrets) throw secretError(provider, path, found.fileIndex);
      tried.push({ provider: provider.name, key, nativeKey: provider.nativeKey?.(path) ?? key, found: true });
      return { provider, path, value: found.value, fileIndex: found.fileIndex };
    }
  }
  return null;
}

/** Asks every provider at every full path (sections + key); with a pipeline name, the prefixed pass first. */
export function lookupPaths(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  options: LookupOptions = {},
): Lookup {
  const secret = options.secret === true;
  const tried: LookupAttempt[] = [];
  let hit: LookupHit | null = null;
  if (options.pipelineName) {
    const prefix = options.pipelineName;
    hit = search(
      providers,
      paths.map((path) => [prefix, ...path]),
      secret,
      tried,
    );
  }
  hit ??= search(providers, paths, secret, tried);
  return { resolved: resolvedOf(hit, tried), hit };
}

export function resolvedOf(hit: LookupHit | null, tried: LookupAttempt[]): Resolved {
  if (hit === null)
    return { value: undefined, found: false, provider: null, matchedKey: null, file: null, line: null, tried };
  const { provider, path, fileIndex } = hit;
  return {
    value: hit.value,
    found: true,
    provider: provider.name,
    matchedKey: path.join('.'),
    file: fileIndex >= 0 ? (provider.fileOf?.(fileIndex) ?? null) : null,
    line: fileIndex >= 0 ? (provider.lineOf?.(fileIndex, path) ?? null) : null,
    tried,
  };
}

/** The same provenance with another value (coerced or cast) and optionally another provider (`default`). */
export function withValue(
  resolved: Resolved,
  value: unknown,
  provider: ProviderName | null = resolved.provider,
): Resolved {
  return { ...resolved, value, provider };
}

/** Asks every provider at every full path (provider outer, path inner); the first hit wins. */
export function resolveAtPaths(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  options: LookupOptions = {},
): Resolved {
  return lookupPaths(providers, paths, options).resolved;
}

/** The full paths of a field declared in `sections` (see `buildLookupPaths`). */
export function fieldPaths(sections: readonly string[], key: string, nested?: string): string[][] {
  return buildLookupPaths(sections, nested).map((path) => [...path, key]);
}

/**
 * A field named by a dotted path (`sources.shop.api_url`) is the last part declared in the sections
 * before it, after any sections given: the same split the accessors (`get`) make, so a field lookup
 * tries the exact path `get` reads first, then dlt's fallbacks.
 */
export function splitFieldKey(sections: readonly string[], key: string): { sections: string[]; key: string } {
  const parts = splitDottedPath(key);
  const leaf = parts.pop();
  return leaf === undefined ? { sections: [...sections], key } : { sections: [...sections, ...parts], key: leaf };
}

/** Field resolution with dlt's section fallback paths; returns the raw provider value. */
export function resolveField(providers: readonly ConfigProvider[], lookup: FieldLookup): Resolved {
  const { sections, key } = splitFieldKey(lookup.sections, lookup.key);
  return resolveAtPaths(providers, fieldPaths(sections, key), lookup);
}

/** Splits an accessor path `a.b.c` into sections and key (dlt splits on `.`). */
export function splitDottedPath(path: string): string[] {
  return path.split('.').filter((part) => part.length > 0);
}

/** Accessor lookup: the exact path only, no secret rule (dlt accessors.py). */
export function lookupExact(providers: readonly ConfigProvider[], path: readonly string[]): Resolved {
  if (path.length === 0) return resolvedOf(null, []);
  return resolveAtPaths(providers, [path]);
}
