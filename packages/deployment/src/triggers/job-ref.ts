/**
 * Job refs (reference §2.1): `jobs.<section>.<name>` for functions, `jobs.<name>` for module-level
 * jobs. Section and name are Python identifiers; `py` is reserved.
 */
export const JOB_REF_PREFIX = 'jobs.';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['py']);

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

export function makeJobRef(section: string | null, name: string): string {
  return section === null ? `${JOB_REF_PREFIX}${name}` : `${JOB_REF_PREFIX}${section}.${name}`;
}

/** Why `ref` is not a valid job ref, or null when it is. */
export function jobRefProblem(ref: string): string | null {
  if (!ref.startsWith(JOB_REF_PREFIX)) return `job ref "${ref}" must start with "jobs."`;
  const parts = ref.slice(JOB_REF_PREFIX.length).split('.');
  if (parts.length < 1 || parts.length > 2) return `job ref "${ref}" must be jobs.<name> or jobs.<section>.<name>`;
  for (const part of parts) {
    if (!isIdentifier(part)) return `job ref "${ref}": "${part}" is not a Python identifier`;
    if (RESERVED.has(part)) return `job ref "${ref}": "${part}" is reserved`;
  }
  return null;
}

export type JobRefResolution = { ref: string } | { error: 'not_found' | 'ambiguous'; candidates: string[] };

/** User input → job ref: `jobs.…` as is, `a.b` → `jobs.a.b`, bare `b` → the unique ref ending in `.b`. */
export function resolveJobRef(input: string, knownRefs: readonly string[]): JobRefResolution {
  const wanted = input.startsWith(JOB_REF_PREFIX) ? input : input.includes('.') ? `${JOB_REF_PREFIX}${input}` : null;
  if (wanted !== null) return knownRefs.includes(wanted) ? { ref: wanted } : { error: 'not_found', candidates: [] };
  const candidates = knownRefs.filter((ref) => ref.split('.').at(-1) === input);
  if (candidates.length === 1) return { ref: candidates[0] };
  return { error: candidates.length === 0 ? 'not_found' : 'ambiguous', candidates };
}
