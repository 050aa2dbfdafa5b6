/** The few git facts the platform workflows need, asked from the `git` binary (absent git = not a repo). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

function git(cwd: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return { ok: result.status === 0 && !result.error, stdout: (result.stdout ?? '').trim() };
}

/** The top-level directory of the git repository containing `cwd`, or null outside a repository. */
export function gitRoot(cwd: string): string | null {
  const result = git(cwd, ['rev-parse', '--show-toplevel']);
  return result.ok && result.stdout ? path.resolve(result.stdout) : null;
}

/** `file` and, when it is a symlink (or lies under one), the file it really is: both are what git may commit. */
function realCandidates(file: string): string[] {
  try {
    const real = fs.realpathSync(file);
    return real === file ? [file] : [file, real];
  } catch {
    return [file];
  }
}

/**
 * Whether git tracks `file` or the file a symlink at `file` points to (cli-auth.md §6.4: never write a
 * secret into a tracked file; a symlinked `.dlt/secrets.toml` must not walk around the check).
 */
export function isTrackedByGit(file: string): boolean {
  return realCandidates(file).some((candidate) => {
    const dir = path.dirname(candidate);
    if (gitRoot(dir) === null) return false;
    return git(dir, ['ls-files', '--error-unmatch', '--', path.basename(candidate)]).ok;
  });
}

/**
 * Whether git ignores `file` (honours nested and global ignores, and negations); for a symlink, the real
 * file must be ignored too. Null outside a repository.
 */
export function isIgnoredByGit(file: string): boolean | null {
  let inRepository = false;
  for (const candidate of realCandidates(file)) {
    const dir = path.dirname(candidate);
    if (gitRoot(dir) === null) continue;
    inRepository = true;
    if (!git(dir, ['check-ignore', '-q', '--', path.basename(candidate)]).ok) return false;
  }
  return inRepository ? true : null;
}

/**
 * A remote URL as a stable repository identity: scheme, user, password, port, `.git` and trailing
 * slashes dropped, host lower-cased. `git@github.com:Acme/Repo.git`, `ssh://git@github.com/Acme/Repo`
 * and `https://token@github.com/Acme/Repo.git` all become `github.com/Acme/Repo`; credentials embedded
 * in a URL are never sent anywhere.
 */
export function normalizeRemoteUrl(remote: string): string {
  const trimmed = remote.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(trimmed);
  let host: string;
  let repoPath: string;
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    try {
      const url = new URL(trimmed);
      if (url.protocol === 'file:') return path.resolve(decodeURIComponent(url.pathname));
      host = url.hostname;
      repoPath = decodeURIComponent(url.pathname);
    } catch {
      return trimmed;
    }
  }
  const cleanPath = repoPath
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return `${host.toLowerCase()}/${cleanPath}`;
}

export interface RepositoryIdentity {
  /** What is sent to the control plane's repository binding. */
  repository: string;
  /** How it was found, for messages. */
  source: 'origin' | 'git root' | 'directory';
}

/**
 * The repository a workspace belongs to: the normalized `origin` URL, else the repository root path
 * (a local repository without a remote), else the workspace directory itself (no git at all).
 */
export function repositoryIdentity(workspaceRoot: string): RepositoryIdentity {
  const root = gitRoot(workspaceRoot);
  if (root === null) return { repository: path.resolve(workspaceRoot), source: 'directory' };
  const origin = git(workspaceRoot, ['remote', 'get-url', 'origin']);
  if (origin.ok && origin.stdout) return { repository: normalizeRemoteUrl(origin.stdout), source: 'origin' };
  return { repository: root, source: 'git root' };
}

/** Hosts whose owner and repository names are case-insensitive (github.com/Acme/Repo is github.com/acme/repo). */
const caseInsensitiveHosts = /^(github\.com|gitlab\.com)\//i;

/** Whether two repository identities name the same repository. */
export function sameRepository(a: string, b: string): boolean {
  if (a === b) return true;
  return caseInsensitiveHosts.test(a) && caseInsensitiveHosts.test(b) && a.toLowerCase() === b.toLowerCase();
}
