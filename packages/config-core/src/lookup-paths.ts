/**
 * dlt's section lookup paths (resolve.py `_build_section_lookup_paths`, reference §3.2), the one path
 * builder of field lookups, accessors' callers and destinations alike.
 *
 * A field declared in sections S is tried at S, then with the last section dropped, repeatedly, down to
 * no section at all: every name is dropped alike (`credentials` too). When S has at least three sections,
 * S[0] is `sources` and S[1] ≠ S[2], the compact path `sources.<S[2]>` is inserted as the third path unless
 * already present. (`jobs` joins the compact sections only when dlt's deployment module is imported,
 * which plain resolution does not do.)
 *
 * A nested configuration (a destination's credentials object) carries its own section name, appended to
 * every path and never dropped: `destination.<n>.credentials` → `destination.credentials` → `credentials`.
 */

const COMPACT_SECTIONS: ReadonlySet<string> = new Set(['sources']);

export function buildLookupPaths(sections: readonly string[], nested?: string): string[][] {
  const declared = sections.filter((section) => section.length > 0);
  const paths: string[][] = [];
  for (let length = declared.length; length >= 0; length--) paths.push(declared.slice(0, length));
  const [top, module, name] = declared;
  if (declared.length >= 3 && COMPACT_SECTIONS.has(top) && module !== name) {
    const compact = [top, name];
    if (!paths.some((path) => path.length === 2 && path[0] === top && path[1] === name)) paths.splice(2, 0, compact);
  }
  return nested === undefined ? paths : paths.map((path) => [...path, nested]);
}
