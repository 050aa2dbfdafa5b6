/**
 * Lookup plans of named destinations (dlt §3.2 applied to `destination.<name>`): fields at
 * `destination.<name>.k` → `destination.k` → `k`, credentials fields at
 * `destination.<name>.credentials.k` → `destination.credentials.k` → `credentials.k` (what
 * `buildLookupPaths` gives for these sections). The views of the sections every destination shares
 * are taken once per workspace; a destination's own sections are children of the shared ones.
 */
import type { ConfigProvider, SectionView } from './providers/provider';
import { buildLookupPaths } from './lookup-paths';
import { limitPlan, makePlan, type LookupPlan } from './resolve';

const DESTINATION = ['destination'] as const;
const TOP_LEVEL = [] as const;
const DESTINATION_CREDENTIALS = ['destination', 'credentials'] as const;
const CREDENTIALS = ['credentials'] as const;

type View = SectionView | null | undefined;

const ABSENT = Symbol('absent');

/**
 * A view every destination of the workspace asks for the same few keys (`destination.port`,
 * `credentials.host`, …): each key's answer is kept after the first lookup.
 */
class RememberingView implements SectionView {
  hitFile = -1;
  private readonly answers = new Map<string, { value: unknown; file: number } | typeof ABSENT>();

  constructor(readonly inner: SectionView) {}

  get(key: string): unknown {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      const value = this.inner.get(key);
      answer = value === undefined ? ABSENT : { value, file: this.inner.hitFile };
      this.answers.set(key, answer);
    }
    if (answer === ABSENT) return undefined;
    this.hitFile = answer.file;
    return answer.value;
  }
}

function remembering(view: View): View {
  return view ? new RememberingView(view) : view;
}

export interface DestinationPlans {
  readonly providers: readonly ConfigProvider[];
  /** The plans of `destination.<name>`'s own fields, of its exact path only, and of its credentials fields. */
  plansFor(name: string): { config: LookupPlan; exact: LookupPlan; credentials: LookupPlan };
}

/** A child view, through the parent's view when it offers one (no walk from the root). */
function childOf(provider: ConfigProvider, parent: View, parentPath: readonly string[], key: string): View {
  if (parent === undefined) return undefined;
  if (parent === null) return null;
  const view = parent instanceof RememberingView ? parent.inner : parent;
  return view.child ? view.child(key) : provider.section!([...parentPath, key]);
}

export function createDestinationPlans(providers: readonly ConfigProvider[]): DestinationPlans {
  let shared: { destination: View[]; topLevel: View[]; destinationCredentials: View[]; credentials: View[] } | undefined;
  const viewsAt = (sections: readonly string[]): View[] =>
    providers.map((provider) => (provider.isEmpty || !provider.section ? undefined : remembering(provider.section(sections))));
  return {
    providers,
    plansFor(name) {
      if (name === 'credentials') {
        // `credentials` is never dropped from a path, so this name gets other paths: build them as dlt does.
        const config = makePlan(providers, buildLookupPaths(['destination', name]));
        return { config, exact: limitPlan(config, 1), credentials: makePlan(providers, buildLookupPaths(['destination', name, 'credentials'])) };
      }
      shared ??= {
        destination: viewsAt(DESTINATION),
        topLevel: viewsAt(TOP_LEVEL),
        destinationCredentials: viewsAt(DESTINATION_CREDENTIALS),
        credentials: viewsAt(CREDENTIALS),
      };
      const own = ['destination', name];
      const ownCredentials = ['destination', name, 'credentials'];
      const configViews: View[] = new Array<View>(providers.length * 3);
      const credentialsViews: View[] = new Array<View>(providers.length * 3);
      for (let index = 0; index < providers.length; index++) {
        const provider = providers[index]!;
        const ownView = childOf(provider, shared.destination[index], DESTINATION, name);
        const at = index * 3;
        configViews[at] = ownView;
        configViews[at + 1] = shared.destination[index];
        configViews[at + 2] = shared.topLevel[index];
        credentialsViews[at] = childOf(provider, ownView, own, 'credentials');
        credentialsViews[at + 1] = shared.destinationCredentials[index];
        credentialsViews[at + 2] = shared.credentials[index];
      }
      return {
        config: { providers, sectionPaths: [own, DESTINATION, TOP_LEVEL], views: configViews, stride: 3 },
        exact: { providers, sectionPaths: [own], views: configViews, stride: 3 },
        credentials: { providers, sectionPaths: [ownCredentials, DESTINATION_CREDENTIALS, CREDENTIALS], views: credentialsViews, stride: 3 },
      };
    },
  };
}
