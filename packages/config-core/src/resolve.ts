/**
 * The lookup loop (dlt resolve.py, reference §3.2): provider-outer, path-inner, first value
 * wins; an optional pipeline-name-prefixed pass runs first. Accessors look up one exact path.
 */
import { buildLookupPaths } from './lookup-paths';
import type { ConfigProvider } from './providers/provider';
import { valueNotSecretError } from './secrets';
import type { FieldLookup, LookupAttempt, Resolved } from './types';

export interface LookupOptions {
  /** Secret-typed field: finding it in a provider that may not hold secrets throws ValueNotSecret. */
  secret?: boolean;
}

export function notFound(tried: LookupAttempt[]): Resolved {
  return { value: undefined, found: false, provider: null, matchedKey: null, file: null, line: null, tried };
}

/** Asks every provider at every path (provider outer, path inner); the first hit wins. */
export function resolveAtPaths(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  options: LookupOptions = {},
  tried: LookupAttempt[] = [],
): Resolved {
  for (const provider of providers) {
    if (provider.isEmpty) continue;
    for (const path of paths) {
      const hit = provider.get(path);
      const key = path.join('.');
      tried.push({ provider: provider.name, key, nativeKey: provider.nativeKey(path), found: hit !== undefined });
      if (hit === undefined) continue;
      if (options.secret && !provider.supportsSecrets) {
        // dlt raises ValueNotSecretException here and does not look further.
        const envName = path.join('__').toUpperCase();
        throw valueNotSecretError(provider.name, key, hit.file, hit.line, envName);
      }
      return { value: hit.value, found: true, provider: provider.name, matchedKey: key, file: hit.file, line: hit.line, tried };
    }
  }
  return notFound(tried);
}

/** Field resolution with dlt's section fallback paths; returns the raw provider value. */
export function resolveField(providers: readonly ConfigProvider[], lookup: FieldLookup): Resolved {
  const paths = buildLookupPaths(lookup.sections).map((sections) => [...sections, lookup.key]);
  const tried: LookupAttempt[] = [];
  if (lookup.pipelineName) {
    const prefixed = paths.map((path) => [lookup.pipelineName!, ...path]);
    const result = resolveAtPaths(providers, prefixed, { secret: lookup.secret }, tried);
    if (result.found) return result;
  }
  return resolveAtPaths(providers, paths, { secret: lookup.secret }, tried);
}

/** Splits an accessor path `a.b.c` into sections and key (dlt splits on `.`). */
export function splitDottedPath(path: string): string[] {
  return path.split('.').filter((part) => part.length > 0);
}

/** Accessor lookup: the exact path only, no secret rule (dlt accessors.py). */
export function lookupExact(providers: readonly ConfigProvider[], path: readonly string[]): Resolved {
  if (path.length === 0) return notFound([]);
  return resolveAtPaths(providers, [path]);
}
