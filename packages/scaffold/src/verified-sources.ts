/**
 * A verified-sources repository (dlt-hub/verified-sources layout): `sources/<name>/` is a source package
 * (its `__init__.py` docstring describes it, its `requirements.txt` lists what it needs) and
 * `sources/<name>_pipeline.py` its example pipeline. Read from a local directory or a shallow git clone.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';

/** dlt init's default `--location`. */
export const DEFAULT_VERIFIED_SOURCES_REPO = 'https://github.com/dlt-hub/verified-sources.git';

export const SOURCES_DIR = 'sources';
export const PIPELINE_SUFFIX = '_pipeline.py';

/** dlt: folders starting with `.` or `_` are not sources; these files are never copied. */
const IGNORED_FILES = [/\.py[cod]$/, /\$py\.class$/, /^__pycache__$/, /^py\.typed$/, /^requirements\.txt$/];

export function isGitUrl(location: string): boolean {
  return (
    /^(https?|git|ssh|file):\/\//.test(location) || /^[\w.-]+@[\w.-]+:/.test(location) || location.endsWith('.git')
  );
}

/** A location as printed: credentials inside a URL never appear in output. */
export function displayLocation(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

function clone(location: string, branch: string | undefined, into: string): void {
  try {
    execFileSync(
      'git',
      ['clone', '--quiet', '--depth', '1', ...(branch ? ['--branch', branch] : []), '--', location, into],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')
      .pop();
    throw new DlthubError(
      'Network',
      `git clone of ${displayLocation(location)}${branch ? ` (branch ${branch})` : ''} failed${
        stderr ? `: ${displayLocation(stderr)}` : ''
      }.`,
      { hint: 'Check the URL, the branch and your access to the repository, or pass --location a local directory.' },
    );
  }
}

/**
 * Runs `use` on the `sources/` folder of the repository at `location` (a git URL, or a directory; a
 * directory with `branch` is cloned so the branch is honoured), removing any clone afterwards.
 */
export function withVerifiedSources<T>(
  location: string,
  branch: string | undefined,
  use: (sourcesDir: string) => T,
): T {
  if (!isGitUrl(location) && branch === undefined) {
    const root = path.resolve(location);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      throw new DlthubError('NotFound', `Source location ${root} is not a directory.`, {
        hint: 'Pass --location a verified-sources repository: a git URL or a directory with a sources/ folder.',
      });
    }
    return use(sourcesDirOf(root, location));
  }
  const cloneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-sources-'));
  try {
    clone(isGitUrl(location) ? location : path.resolve(location), branch, cloneDir);
    return use(sourcesDirOf(cloneDir, location));
  } finally {
    fs.rmSync(cloneDir, { recursive: true, force: true });
  }
}

function sourcesDirOf(root: string, location: string): string {
  const dir = path.join(root, SOURCES_DIR);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DlthubError('NotFound', `${displayLocation(location)} has no ${SOURCES_DIR}/ folder.`, {
      hint: 'A verified-sources repository holds sources/<name>/ and sources/<name>_pipeline.py.',
    });
  }
  return dir;
}

/** Source names in a `sources/` folder: packages with at least one .py file, not hidden or private (dlt). */
export function verifiedSourceNames(sourcesDir: string): string[] {
  return fs
    .readdirSync(sourcesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .filter((entry) => fs.readdirSync(path.join(sourcesDir, entry.name)).some((file) => file.endsWith('.py')))
    .map((entry) => entry.name)
    .sort();
}

/** Files of `sources/<relative>` (a folder or one file) to copy, '/'-separated, relative to `sources/`. */
export function sourceFiles(sourcesDir: string, relative: string): string[] {
  const full = path.join(sourcesDir, relative);
  if (fs.statSync(full).isFile()) return [relative];
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (IGNORED_FILES.some((pattern) => pattern.test(entry.name))) continue;
      const child = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk(full, relative);
  return files;
}

/** Requirement lines of `sources/<name>/requirements.txt` (comments and options dropped). */
export function sourceRequirements(sourcesDir: string, name: string): string[] {
  const file = path.join(sourcesDir, name, 'requirements.txt');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('-'));
}
