/**
 * The dependency description uploaded with each deployment as `requirements.json` (reference §6).
 * Sources in dlt's order: `pyproject.toml` (with `uv.lock`, exported through `uv` when it is
 * installed), then `requirements.txt`, then `requirements.in`, else empty.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseToml } from '@dlthub/config-core/toml';
import { DlthubError } from '@dlthub/config-core';
import { LAUNCHER_REQUIREMENTS, LAUNCHERS } from './launchers';
import { normalizeProjectName, parseRequirement, type ParsedRequirement } from './requirement';

const execFileAsync = promisify(execFile);

export const REQUIREMENTS_ENGINE_VERSION = 1;
export const DEFAULT_PYTHON_VERSION = '3.12';
export const MAIN_GROUP = 'main';

export type RequirementsSource = 'uv.lock' | 'pyproject.toml' | 'requirements.txt' | 'requirements.in' | 'none';

export interface DltVersion extends ParsedRequirement {
  name: string;
}

export interface RequirementsDescription {
  engine_version: number;
  python_version: string;
  /** The `dlt` requirement of the default groups; null when none names it (the runner injects dlt). */
  dlt_version: DltVersion | null;
  default_groups: string[];
  groups: Record<string, string[]>;
  launcher_requirements: Record<string, string[]>;
}

export interface DescribedRequirements {
  requirements: RequirementsDescription;
  source: RequirementsSource;
  warnings: string[];
}

export interface DescribeOptions {
  /** Command used for `uv` (default `uv` on PATH). */
  uvCommand?: string;
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cause;
  }
}

function parsePyproject(text: string): Record<string, unknown> {
  return parseToml(text, 'pyproject.toml');
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** PEP 735 groups with `{include-group = "…"}` entries expanded. */
function dependencyGroups(table: Record<string, unknown>): Record<string, string[]> {
  const expand = (name: string, seen: Set<string>): string[] => {
    if (seen.has(name))
      throw new DlthubError('InvalidConfigValue', `pyproject.toml: dependency group "${name}" includes itself.`, {
        location: { file: 'pyproject.toml' },
        keyPath: `dependency-groups.${name}`,
      });
    const entries = table[name];
    if (!Array.isArray(entries)) return [];
    const result: string[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string') result.push(entry);
      else {
        const group =
          entry && typeof entry === 'object' ? (entry as Record<string, unknown>)['include-group'] : undefined;
        if (typeof group === 'string') result.push(...expand(group, new Set([...seen, name])));
      }
    }
    return result;
  };
  return Object.fromEntries(Object.keys(table).map((name) => [name, expand(name, new Set())]));
}

async function uvAvailable(uv: string): Promise<boolean> {
  try {
    await execFileAsync(uv, ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function uvExport(rootDir: string, uv: string, group: string | null): Promise<string[]> {
  const args = ['export', '--no-hashes', '--no-emit-project', '--no-default-groups', '--no-header'];
  if (group !== null) args.push('--only-group', group);
  const { stdout } = await execFileAsync(uv, args, { cwd: rootDir, maxBuffer: 16 * 1024 * 1024 });
  return requirementLines(stdout, rootDir, new Set(), []);
}

/** Requirement lines of a requirements file, comments and blank lines dropped, `-r` includes followed. */
function requirementLines(text: string, baseDir: string, seen: Set<string>, warnings: string[]): string[] {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || /^\s*#/.test(raw)) continue;
    const includedPath = /^(-r|--requirement)\s+(.+)$/.exec(line)?.[2];
    if (includedPath !== undefined) {
      const file = path.resolve(baseDir, includedPath);
      if (seen.has(file)) continue;
      const included = readIfExists(file);
      if (included === null) warnings.push(`Included requirements file ${includedPath} was not found.`);
      else lines.push(...requirementLines(included, path.dirname(file), new Set([...seen, file]), warnings));
    } else if (line.startsWith('-') && !line.startsWith('-e ') && !line.startsWith('--editable ')) {
      warnings.push(`Requirement option "${line}" is not shipped.`);
    } else {
      lines.push(line);
    }
  }
  return lines;
}

function findDlt(groups: Record<string, string[]>, defaultGroups: string[]): DltVersion | null {
  for (const group of defaultGroups) {
    for (const line of groups[group] ?? []) {
      const parsed = parseRequirement(line);
      if (parsed && normalizeProjectName(parsed.name) === 'dlt') return parsed;
    }
  }
  return null;
}

function pythonVersion(rootDir: string): string {
  const pinned = readIfExists(path.join(rootDir, '.python-version'))?.trim().split(/\s+/)[0];
  return pinned && /^\d+\.\d+/.test(pinned) ? pinned.split('.').slice(0, 2).join('.') : DEFAULT_PYTHON_VERSION;
}

function describe(rootDir: string, groups: Record<string, string[]>): RequirementsDescription {
  const defaultGroups = [MAIN_GROUP];
  return {
    engine_version: REQUIREMENTS_ENGINE_VERSION,
    python_version: pythonVersion(rootDir),
    dlt_version: findDlt(groups, defaultGroups),
    default_groups: defaultGroups,
    groups,
    launcher_requirements: Object.fromEntries(
      (Object.keys(LAUNCHERS) as (keyof typeof LAUNCHERS)[]).map((name) => [
        LAUNCHERS[name],
        [...LAUNCHER_REQUIREMENTS[name]],
      ]),
    ),
  };
}

/** Describes the workspace's Python dependencies for `requirements.json`. */
export async function describeRequirements(
  rootDir: string,
  options: DescribeOptions = {},
): Promise<DescribedRequirements> {
  const warnings: string[] = [];
  const pyprojectText = readIfExists(path.join(rootDir, 'pyproject.toml'));
  if (pyprojectText !== null) {
    const pyproject = parsePyproject(pyprojectText);
    const project = (pyproject['project'] ?? {}) as Record<string, unknown>;
    const declaredGroups = dependencyGroups((pyproject['dependency-groups'] ?? {}) as Record<string, unknown>);
    if (fs.existsSync(path.join(rootDir, 'uv.lock'))) {
      const uv = options.uvCommand ?? 'uv';
      if (await uvAvailable(uv)) {
        try {
          await execFileAsync(uv, ['lock', '--check'], { cwd: rootDir });
        } catch (cause) {
          throw new DlthubError('InvalidConfigValue', 'uv.lock is out of date with pyproject.toml.', {
            location: { file: 'uv.lock' },
            hint: 'Run `uv lock` and deploy again.',
            cause,
          });
        }
        const groups: Record<string, string[]> = { [MAIN_GROUP]: await uvExport(rootDir, uv, null) };
        for (const group of Object.keys(declaredGroups)) groups[group] = await uvExport(rootDir, uv, group);
        return { requirements: describe(rootDir, groups), source: 'uv.lock', warnings };
      }
      warnings.push(
        'uv.lock found but `uv` is not installed: dependencies are taken from pyproject.toml as written (not pinned).',
      );
    }
    const groups = { [MAIN_GROUP]: stringList(project['dependencies']), ...declaredGroups };
    return { requirements: describe(rootDir, groups), source: 'pyproject.toml', warnings };
  }
  for (const name of ['requirements.txt', 'requirements.in'] as const) {
    const text = readIfExists(path.join(rootDir, name));
    if (text === null) continue;
    const lines = requirementLines(text, rootDir, new Set([path.join(rootDir, name)]), warnings);
    return { requirements: describe(rootDir, { [MAIN_GROUP]: lines }), source: name, warnings };
  }
  return { requirements: describe(rootDir, { [MAIN_GROUP]: [] }), source: 'none', warnings };
}
