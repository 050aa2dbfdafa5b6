/** The parts of a PEP 508 requirement line the deployment needs: name, extras, version spec, source kind. */

export interface ParsedRequirement {
  name: string;
  extras: string[];
  /** Version specifier as written (`>=1.26,<2`), or null. */
  version: string | null;
  mode: 'pypi' | 'path' | 'editable' | 'git' | 'archive';
  /** URL or path of a direct reference. */
  location?: string;
}

/** PEP 503 normalised project name. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

export function parseRequirement(line: string): ParsedRequirement | null {
  let text = line.trim();
  let editable = false;
  if (text.startsWith('-e ') || text.startsWith('--editable ')) {
    editable = true;
    text = text.replace(/^(-e|--editable)\s+/, '');
  }
  const match = REQUIREMENT.exec(text.split(';')[0].trim());
  if (!match) return null;
  const extras = (match[2] ?? '')
    .split(',')
    .map((extra) => extra.trim())
    .filter(Boolean);
  const rest = match[3].trim();
  if (rest.startsWith('@')) {
    const location = rest.slice(1).trim();
    const mode = editable
      ? 'editable'
      : location.startsWith('git+')
        ? 'git'
        : location.startsWith('file:')
          ? 'path'
          : 'archive';
    return { name: match[1], extras, version: null, mode, location };
  }
  return {
    name: match[1],
    extras,
    version: rest === '' ? null : rest.replace(/\s+/g, ''),
    mode: editable ? 'editable' : 'pypi',
  };
}
