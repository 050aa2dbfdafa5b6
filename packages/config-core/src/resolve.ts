/**
 * The lookup loop (dlt resolve.py, reference §3.2): provider-outer, path-inner, first value
 * wins; an optional pipeline-name-prefixed pass runs first. Accessors look up one exact path.
 *
 * A lookup records only where the winner was (provider and path index). The order of the loop is
 * fixed, so every (provider, key) asked before it, the matched key, the file and the line are
 * derived from that position when read: a resolution asks many paths and most of this provenance
 * is never looked at.
 */
import { buildLookupPaths } from './lookup-paths';
import type { ConfigProvider, SectionView } from './providers/provider';
import { valueNotSecretError } from './secrets';
import type { FieldLookup, LookupAttempt, ProviderName, Resolved } from './types';

export interface LookupOptions {
  /** Secret-typed field: finding it in a provider that may not hold secrets throws ValueNotSecret. */
  secret?: boolean;
}

/** What a lookup result keeps of the plan it was found in, to derive its provenance when asked. */
export interface PlanPaths {
  readonly providers: readonly ConfigProvider[];
  /** Most specific first. In a plan of full paths each path ends with its key. */
  readonly sectionPaths: readonly (readonly string[])[];
  /** `sectionPaths.length`, known without building the paths (a plan may build them only when provenance is read). */
  readonly pathCount: number;
}

/**
 * Providers and section paths prepared once for many keys (e.g. every field of a destination):
 * each provider's view of each section, so resolving a key is a property read per (provider, section).
 */
export interface LookupPlan extends PlanPaths {
  /**
   * views[offset + providerIndex * stride + pathIndex]: null = nothing there, undefined = the provider
   * has no section views (its `get` is asked the full path). null for a plan of full paths.
   */
  readonly views: readonly (SectionView | null | undefined)[] | null;
  readonly offset: number;
  readonly stride: number;
}

export function makePlan(
  providers: readonly ConfigProvider[],
  sectionPaths: readonly (readonly string[])[],
): LookupPlan {
  const views: (SectionView | null | undefined)[] = [];
  for (const provider of providers) {
    for (const sections of sectionPaths)
      views.push(provider.isEmpty || !provider.section ? undefined : provider.section(sections));
  }
  return { providers, sectionPaths, pathCount: sectionPaths.length, views, offset: 0, stride: sectionPaths.length };
}

/** The same plan limited to its first `count` paths (views shared). */
export function limitPlan(plan: LookupPlan, count: number): LookupPlan {
  const sectionPaths = plan.sectionPaths.slice(0, count);
  return {
    providers: plan.providers,
    sectionPaths,
    pathCount: sectionPaths.length,
    views: plan.views,
    offset: plan.offset,
    stride: plan.stride,
  };
}

/** A plan of exact paths, each with its own key (accessors, settings, runtime keys). */
export function fullPathPlan(providers: readonly ConfigProvider[], paths: readonly (readonly string[])[]): LookupPlan {
  return { providers, sectionPaths: paths, pathCount: paths.length, views: null, offset: 0, stride: 0 };
}

/**
 * One (provider, key) asked. The dotted key and the provider-native spelling are built only
 * when read.
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

function pushAttempts(
  plan: PlanPaths,
  key: string | null,
  untilProvider: number,
  untilPath: number,
  found: boolean,
  out: LookupAttempt[],
): void {
  const { providers, sectionPaths } = plan;
  for (let providerIndex = 0; providerIndex < providers.length && providerIndex <= untilProvider; providerIndex++) {
    const provider = providers[providerIndex]!;
    if (provider.isEmpty) continue;
    const last = providerIndex === untilProvider ? untilPath : plan.pathCount - 1;
    for (let pathIndex = 0; pathIndex <= last; pathIndex++) {
      const winner = found && providerIndex === untilProvider && pathIndex === untilPath;
      out.push(new Attempt(provider, sectionPaths[pathIndex]!, key, winner));
    }
  }
}

/** Bits per index in `LookupResult.position`: provider and path indexes, file index + 1 (all far below 1024). */
const POSITION_BITS = 10;
const POSITION_MASK = (1 << POSITION_BITS) - 1;

/**
 * A `Resolved` whose provenance is derived from the winner's position in its plan. `matchedKey`,
 * `file`, `line` and `tried` are computed when read (the line needs a scan of the file).
 */
export class LookupResult implements Resolved {
  /** The winner's position packed in one number (see `POSITION_BITS`): a result is allocated per field resolved. */
  private readonly position: number;
  /** The plan asked in full before `plan` (the pipeline-prefixed pass) until `tried` is first read; then the attempts. */
  private origin: PlanPaths | LookupAttempt[] | null;

  constructor(
    readonly value: unknown,
    readonly found: boolean,
    readonly provider: ProviderName | null,
    /** Plan the winner was found in (or the last plan tried); null when nothing was asked. */
    private readonly plan: PlanPaths | null,
    private readonly key: string | null,
    /** Winner position; providerIndex = providers.length when nothing was found. */
    providerIndex: number,
    pathIndex: number,
    fileIndex: number,
    before: PlanPaths | LookupAttempt[] | null,
  ) {
    this.position = providerIndex | (pathIndex << POSITION_BITS) | ((fileIndex + 1) << (2 * POSITION_BITS));
    this.origin = before;
  }

  private get providerIndex(): number {
    return this.position & POSITION_MASK;
  }

  private get pathIndex(): number {
    return (this.position >>> POSITION_BITS) & POSITION_MASK;
  }

  private get fileIndex(): number {
    return (this.position >>> (2 * POSITION_BITS)) - 1;
  }

  private get hasWinner(): boolean {
    return this.plan !== null && this.providerIndex < this.plan.providers.length;
  }

  private get path(): readonly string[] {
    const sections = this.plan!.sectionPaths[this.pathIndex]!;
    return this.key === null ? sections : [...sections, this.key];
  }

  get matchedKey(): string | null {
    return this.hasWinner ? this.path.join('.') : null;
  }

  get file(): string | null {
    if (!this.hasWinner || this.fileIndex < 0) return null;
    return this.plan!.providers[this.providerIndex]!.fileOf?.(this.fileIndex) ?? null;
  }

  get line(): number | null {
    if (!this.hasWinner || this.fileIndex < 0) return null;
    return this.plan!.providers[this.providerIndex]!.lineOf?.(this.fileIndex, this.path) ?? null;
  }

  get tried(): LookupAttempt[] {
    if (!Array.isArray(this.origin)) {
      const before = this.origin;
      const attempts: LookupAttempt[] = [];
      if (before) pushAttempts(before, this.key, before.providers.length, 0, false, attempts);
      if (this.plan) pushAttempts(this.plan, this.key, this.providerIndex, this.pathIndex, this.hasWinner, attempts);
      this.origin = attempts;
    }
    return this.origin;
  }

  /** The same provenance with another value (coerced or cast) and optionally another provider (`default`). */
  withValue(value: unknown, provider: ProviderName | null = this.provider): LookupResult {
    // Attempts already listed are shared: they depend on the position only, never on the value.
    return new LookupResult(
      value,
      this.found,
      provider,
      this.plan,
      this.key,
      this.providerIndex,
      this.pathIndex,
      this.fileIndex,
      this.origin,
    );
  }

  toJSON(): Omit<Resolved, 'tried'> & { tried: LookupAttempt[] } {
    const { value, found, provider, matchedKey, file, line, tried } = this;
    return { value, found, provider, matchedKey, file, line, tried };
  }
}

/** The same provenance with another value (coerced or cast). */
export function withValue(
  resolved: Resolved,
  value: unknown,
  provider: ProviderName | null = resolved.provider,
): Resolved {
  if (resolved instanceof LookupResult) return resolved.withValue(value, provider);
  return {
    value,
    found: resolved.found,
    provider,
    matchedKey: resolved.matchedKey,
    file: resolved.file,
    line: resolved.line,
    tried: resolved.tried,
  };
}

export function notFound(): LookupResult {
  return new LookupResult(undefined, false, null, null, null, 0, 0, -1, null);
}

export function secretError(provider: ConfigProvider, path: readonly string[], fileIndex: number) {
  const file = fileIndex >= 0 ? (provider.fileOf?.(fileIndex) ?? null) : null;
  const line = fileIndex >= 0 ? (provider.lineOf?.(fileIndex, path) ?? null) : null;
  // dlt raises ValueNotSecretException here and does not look further.
  return valueNotSecretError(provider.name, path.join('.'), file, line, path.join('__').toUpperCase());
}

/**
 * Asks every provider at every path of the plan (provider outer, path inner); the first hit wins.
 * `key` null: the plan's paths are full paths.
 */
export function lookupInPlan(
  plan: LookupPlan,
  key: string | null,
  secret = false,
  before: LookupPlan | null = null,
  /** The caller ignores table values: a table may come back unmerged (see `SectionView.peek`). */
  tablesIgnored = false,
): LookupResult {
  const { providers, views, offset, stride, pathCount } = plan;
  for (let providerIndex = 0; providerIndex < providers.length; providerIndex++) {
    const provider = providers[providerIndex]!;
    if (provider.isEmpty) continue;
    for (let pathIndex = 0; pathIndex < pathCount; pathIndex++) {
      const view = views === null ? undefined : views[offset + providerIndex * stride + pathIndex];
      if (view === null) continue;
      let value: unknown;
      let fileIndex: number;
      if (view === undefined) {
        const sections = plan.sectionPaths[pathIndex]!;
        const hit = provider.get(key === null ? sections : [...sections, key]);
        if (hit === undefined) continue;
        value = hit.value;
        fileIndex = hit.fileIndex;
      } else {
        value = tablesIgnored && view.peek ? view.peek(key!) : view.get(key!);
        if (value === undefined) continue;
        fileIndex = view.hitFile;
      }
      if (secret && !provider.supportsSecrets) {
        const sections = plan.sectionPaths[pathIndex]!;
        throw secretError(provider, key === null ? sections : [...sections, key], fileIndex);
      }
      return new LookupResult(value, true, provider.name, plan, key, providerIndex, pathIndex, fileIndex, before);
    }
  }
  return new LookupResult(undefined, false, null, plan, key, providers.length, 0, -1, before);
}

/** Asks every provider at every full path (provider outer, path inner); the first hit wins. */
export function resolveAtPaths(
  providers: readonly ConfigProvider[],
  paths: readonly (readonly string[])[],
  options: LookupOptions = {},
): Resolved {
  return lookupInPlan(fullPathPlan(providers, paths), null, options.secret === true);
}

/** Field resolution over a prepared plan (see `buildLookupPaths`), with the pipeline-prefixed pass first; returns the raw provider value. */
export function resolveFieldInPlan(
  plan: LookupPlan,
  key: string,
  options: { secret?: boolean; pipelineName?: string } = {},
): LookupResult {
  if (options.pipelineName) {
    const prefixed = makePlan(
      plan.providers,
      plan.sectionPaths.map((sections) => [options.pipelineName!, ...sections]),
    );
    const result = lookupInPlan(prefixed, key, options.secret === true);
    if (result.found) return result;
    return lookupInPlan(plan, key, options.secret === true, prefixed);
  }
  return lookupInPlan(plan, key, options.secret === true);
}

/** Field resolution with dlt's section fallback paths; returns the raw provider value. */
export function resolveField(providers: readonly ConfigProvider[], lookup: FieldLookup): Resolved {
  return resolveFieldInPlan(makePlan(providers, buildLookupPaths(lookup.sections)), lookup.key, lookup);
}

/** Splits an accessor path `a.b.c` into sections and key (dlt splits on `.`). */
export function splitDottedPath(path: string): string[] {
  return path.split('.').filter((part) => part.length > 0);
}

/** Accessor lookup: the exact path only, no secret rule (dlt accessors.py). */
export function lookupExact(providers: readonly ConfigProvider[], path: readonly string[]): Resolved {
  if (path.length === 0) return notFound();
  return lookupInPlan(fullPathPlan(providers, [path]), null);
}
