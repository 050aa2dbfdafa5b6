/**
 * dlt's section lookup paths (resolve.py `_build_section_lookup_paths`, reference §3.2):
 * start with all sections, drop the rightmost one repeatedly down to no section at all.
 * `credentials` is a required grouping and is never dropped. For `sources.<module>.<fn>`
 * with module ≠ fn the compact path `sources.<fn>` is tried third. (`jobs` joins the compact
 * sections only when dlt's deployment module is imported, which plain resolution does not do.)
 */

const REQUIRED_SECTIONS: ReadonlySet<string> = new Set(['credentials']);
const COMPACT_SECTIONS: ReadonlySet<string> = new Set(['sources']);

export function buildLookupPaths(sections: readonly string[]): string[][] {
  const paths: string[][] = [];
  let current = sections.filter((section) => section.length > 0);
  for (;;) {
    paths.push(current);
    let dropAt = -1;
    for (let index = current.length - 1; index >= 0; index--) {
      if (!REQUIRED_SECTIONS.has(current[index]!)) {
        dropAt = index;
        break;
      }
    }
    if (dropAt < 0) break;
    current = [...current.slice(0, dropAt), ...current.slice(dropAt + 1)];
  }
  const [top, module, name] = sections;
  if (sections.length === 3 && COMPACT_SECTIONS.has(top!) && module !== name) {
    paths.splice(2, 0, [top!, name!]);
  }
  return paths;
}
