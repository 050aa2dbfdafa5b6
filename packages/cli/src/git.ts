/** The few git facts the platform commands need, asked from the `git` binary (absent git = not a repo). */
import { spawnSync } from 'node:child_process';
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

/** Whether git tracks `file` (cli-auth.md §6.4: never write a secret into a tracked file). */
export function isTrackedByGit(file: string): boolean {
  const dir = path.dirname(file);
  if (gitRoot(dir) === null) return false;
  return git(dir, ['ls-files', '--error-unmatch', '--', path.basename(file)]).ok;
}

/** Whether git ignores `file` (honours nested and global ignores); null outside a repository. */
export function isIgnoredByGit(file: string): boolean | null {
  const dir = path.dirname(file);
  if (gitRoot(dir) === null) return null;
  return git(dir, ['check-ignore', '-q', '--', path.basename(file)]).ok;
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
