/**
 * Lookup plans of named destinations (dlt §3.2 applied to `destination.<name>`): fields at
 * `destination.<name>.k` → `destination.k` → `k`, credentials fields at
 * `destination.<name>.credentials.k` → `destination.credentials.k` → `credentials.k` (what
 * `buildLookupPaths` gives for these sections). The views of the sections every destination shares
 * are taken once per workspace; a destination's own sections are children of the shared ones.
 */
import type { ConfigProvider, SectionView } from './providers/provider';
import { buildLookupPaths } from './lookup-paths';
import {
  limitPlan,
  lookupInPlan,
  LookupResult,
  makePlan,
  secretError,
  type LookupPlan,
  type PlanPaths,
} from './resolve';

const DESTINATION = ['destination'] as const;
const TOP_LEVEL = [] as const;
const DESTINATION_CREDENTIALS = ['destination', 'credentials'] as const;
const CREDENTIALS = ['credentials'] as const;

type View = SectionView | null | undefined;

/**
 * Shared views per provider: `destination` and top level at 1 and 2, `destination.credentials` and
 * `credentials` at 4 and 5 (0 and 3 stand for a destination's own sections, kept by its plans).
 */
const STRIDE = 6;
const CREDENTIALS_OFFSET = 3;

/**
 * The first value of a key in the sections every destination shares (paths 1 and 2 of a plan), in
 * provider order: the same for every destination, so it is found once per workspace and key.
 */
interface SharedHit {
  providerIndex: number;
  pathIndex: number;
  value: unknown;
  fileIndex: number;
}

/** A destination's plan: its own (`DestinationPlan`), or a general one for names that need other paths. */
export type DestinationLookupPlan = DestinationPlan | LookupPlan;

export interface DestinationPlans {
  readonly providers: readonly ConfigProvider[];
  /** The plans of `destination.<name>`'s own fields, of its exact path only, and of its credentials fields. */
  plansFor(name: string): {
    config: DestinationLookupPlan;
    exact: DestinationLookupPlan;
    credentials: DestinationLookupPlan;
  };
}

/**
 * A destination's own sections are read once per resolution: they are not remembered by the shared
 * parent (a workspace of many destinations would keep a view of each for nothing).
 */
function ownView(provider: ConfigProvider, parent: View, name: string, credentials: boolean): View {
  if (parent === undefined) return undefined;
  if (parent === null) return null;
  if (parent.child) return parent.child(credentials ? 'credentials' : name, false);
  return provider.section!(credentials ? ['destination', name, 'credentials'] : ['destination', name]);
}

/**
 * Field keys numbered once per process (they come from destination schemas, a small fixed set), so a
 * workspace keeps its shared answers in arrays indexed by number rather than in maps keyed by name.
 */
const keySlots = new Map<string, number>();

export function keySlot(key: string): number {
  let slot = keySlots.get(key);
  if (slot === undefined) keySlots.set(key, (slot = keySlots.size));
  return slot;
}

/** The views of the sections all destinations share, per provider, and each key's first value in them. */
class SharedSections {
  /** By plan offset, then key slot: undefined = not asked yet, null = in no shared section. */
  private readonly configHits: (SharedHit | null | undefined)[] = [];
  private readonly credentialsHits: (SharedHit | null | undefined)[] = [];

  constructor(
    readonly providers: readonly ConfigProvider[],
    /** Per provider, like a destination's views array with its own sections left out. */
    readonly views: readonly View[],
  ) {}

  /** First hit of `key` at path 1 or 2 of the config or credentials plans, provider outer (null: none). */
  hitOf(credentials: boolean, key: string, slot: number): SharedHit | null {
    const hits = credentials ? this.credentialsHits : this.configHits;
    const offset = credentials ? CREDENTIALS_OFFSET : 0;
    let hit = hits[slot];
    if (hit === undefined) {
      hit = null;
      for (let providerIndex = 0; providerIndex < this.providers.length && hit === null; providerIndex++) {
        if (this.providers[providerIndex]!.isEmpty) continue;
        for (let pathIndex = 1; pathIndex < 3; pathIndex++) {
          const view = this.views[offset + providerIndex * STRIDE + pathIndex];
          if (!view) continue;
          const value = view.get(key);
          if (value === undefined) continue;
          hit = { providerIndex, pathIndex, value, fileIndex: view.hitFile };
          break;
        }
      }
      while (hits.length < slot) hits.push(undefined);
      hits[slot] = hit;
    }
    return hit;
  }
}

/**
 * A plan of one destination: its own views (per provider, own section then own credentials section);
 * the shared sections' answers come from `SharedSections`, in the same order as `lookupInPlan` asks.
 * Its section paths are built only when provenance asks for them.
 */
export class DestinationPlan implements PlanPaths {
  private paths: readonly (readonly string[])[] | undefined = undefined;

  constructor(
    readonly providers: readonly ConfigProvider[],
    private readonly ownViews: readonly View[],
    /** 0 for the config plans, 1 for the credentials plan: the index of its own views in `ownViews`. */
    private readonly offset: number,
    readonly pathCount: number,
    private readonly name: string,
    private readonly shared: SharedSections,
  ) {}

  get sectionPaths(): readonly (readonly string[])[] {
    if (this.paths === undefined) {
      const all =
        this.offset === 1
          ? [['destination', this.name, 'credentials'], DESTINATION_CREDENTIALS, CREDENTIALS]
          : [['destination', this.name], DESTINATION, TOP_LEVEL];
      this.paths = all.slice(0, this.pathCount);
    }
    return this.paths;
  }

  lookup(key: string, slot: number, secret: boolean, tablesIgnored: boolean, fallback: unknown): LookupResult {
    const providers = this.providers;
    const shared = this.pathCount === 1 ? null : this.shared.hitOf(this.offset === 1, key, slot);
    const last = shared === null ? providers.length - 1 : shared.providerIndex;
    for (let providerIndex = 0; providerIndex <= last; providerIndex++) {
      if (providers[providerIndex]!.isEmpty) continue;
      const view = this.ownViews[providerIndex * 2 + this.offset];
      if (!view) continue;
      const value = tablesIgnored && view.peek ? view.peek(key) : view.get(key);
      if (value !== undefined) return this.hit(key, secret, providerIndex, 0, value, view.hitFile);
    }
    if (shared !== null)
      return this.hit(key, secret, shared.providerIndex, shared.pathIndex, shared.value, shared.fileIndex);
    return fallback === undefined
      ? new LookupResult(undefined, false, null, this, key, providers.length, 0, -1, null)
      : new LookupResult(fallback, false, 'default', this, key, providers.length, 0, -1, null);
  }

  private hit(
    key: string,
    secret: boolean,
    providerIndex: number,
    pathIndex: number,
    value: unknown,
    fileIndex: number,
  ): LookupResult {
    const provider = this.providers[providerIndex]!;
    // dlt raises ValueNotSecretException for a secret found where secrets may not be.
    if (secret && !provider.supportsSecrets)
      throw secretError(provider, [...this.sectionPaths[pathIndex]!, key], fileIndex);
    return new LookupResult(value, true, provider.name, this, key, providerIndex, pathIndex, fileIndex, null);
  }
}

/**
 * Looks `key` (numbered by `keySlot`) up in a destination plan (provider outer, path inner, first value
 * wins). Not found: the value is `fallback` with provider `default` when a fallback is given.
 */
export function lookupDestinationField(
  plan: DestinationLookupPlan,
  key: string,
  slot: number,
  secret = false,
  tablesIgnored = false,
  fallback: unknown = undefined,
): LookupResult {
  if (plan instanceof DestinationPlan) return plan.lookup(key, slot, secret, tablesIgnored, fallback);
  const result = lookupInPlan(plan as LookupPlan, key, secret, null, tablesIgnored);
  return result.found || fallback === undefined ? result : result.withValue(fallback, 'default');
}

export function createDestinationPlans(providers: readonly ConfigProvider[]): DestinationPlans {
  let shared: SharedSections | undefined;
  // Providers without section views (registry extras) are asked full paths by the general loop.
  const sectioned = providers.every((provider) => provider.isEmpty || provider.section !== undefined);
  const sharedSections = (): SharedSections => {
    const views: View[] = new Array<View>(providers.length * STRIDE).fill(null);
    providers.forEach((provider, index) => {
      if (provider.isEmpty) return;
      const at = index * STRIDE;
      views[at + 1] = provider.section!(DESTINATION);
      views[at + 2] = provider.section!(TOP_LEVEL);
      views[at + 4] = provider.section!(DESTINATION_CREDENTIALS);
      views[at + 5] = provider.section!(CREDENTIALS);
    });
    return new SharedSections(providers, views);
  };
  return {
    providers,
    plansFor(name) {
      if (name === 'credentials' || !sectioned) {
        // `credentials` is never dropped from a path, so this name gets other paths: build them as dlt does.
        const config = makePlan(providers, buildLookupPaths(['destination', name]));
        return {
          config,
          exact: limitPlan(config, 1),
          credentials: makePlan(providers, buildLookupPaths(['destination', name, 'credentials'])),
        };
      }
      shared ??= sharedSections();
      const sharedViews = shared.views;
      const views: View[] = new Array<View>(providers.length * 2);
      for (let index = 0; index < providers.length; index++) {
        const provider = providers[index]!;
        const own = ownView(provider, sharedViews[index * STRIDE + 1], name, false);
        views[index * 2] = own;
        views[index * 2 + 1] = ownView(provider, own, name, true);
      }
      return {
        config: new DestinationPlan(providers, views, 0, 3, name, shared),
        exact: new DestinationPlan(providers, views, 0, 1, name, shared),
        credentials: new DestinationPlan(providers, views, 1, 3, name, shared),
      };
    },
  };
}
