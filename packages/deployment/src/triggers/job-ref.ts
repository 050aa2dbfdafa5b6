/**
 * Job refs (reference §2.1): `jobs.<section>.<name>` for functions, `jobs.<name>` for module-level
 * jobs. Section and name are Python identifiers; `py` is reserved. Resolving what a user typed to a ref is
 * `resolveJobRef` of @dlthub/scheduler.
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
