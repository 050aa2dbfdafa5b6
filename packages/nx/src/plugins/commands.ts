/**
 * How inferred targets call the dlthub CLI and the Python task helper. Nx runs commands with the
 * repository's `node_modules/.bin` on PATH, but in wrapper mode (`.nx/installation`) there is none, so
 * each command names the script file itself: resolved once per graph computation, written relative to
 * the project dir (the command's cwd), so two clones of a repository get the same command.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface CommandPaths {
  /** Absolute path of `@dlthub/cli`'s bin script, or null to call `dlthub` from PATH. */
  cliBin: string | null;
  /** Absolute path of this package's Python task helper. */
  pythonTask: string;
}

/**
 * Node's lookup (each `node_modules` from `base` up), done by hand: `require.resolve` remembers its
 * answers for the life of the process, and the plugin worker outlives an `npm install`.
 */
function findPackage(name: string, bases: readonly string[]): string | null {
  for (const base of bases) {
    for (let dir = base; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

/** The repository first (what `npm i @dlthub/cli` installed), then wrapper mode, then next to this plugin. */
export function resolveCommandPaths(workspaceRoot: string): CommandPaths {
  const cliDir = findPackage('@dlthub/cli', [workspaceRoot, join(workspaceRoot, '.nx', 'installation'), __dirname]);
  const cliBin = cliDir ? join(cliDir, 'bin', 'dlthub.js') : null;
  // dist/plugins/commands.js → dist/python/task.js; from sources (tests) the built file may not exist.
  return {
    cliBin: cliBin && existsSync(cliBin) ? cliBin : null,
    pythonTask: join(__dirname, '..', 'python', 'task.js'),
  };
}

/** A path as a shell word: quoted only when it needs to be. */
function shellWord(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : JSON.stringify(path);
}

function fromProject(workspaceRoot: string, projectRoot: string, file: string): string {
  const path = relative(join(workspaceRoot, projectRoot), file).split('\\').join('/');
  return shellWord(path.startsWith('.') ? path : `./${path}`);
}

export function dlthubCommand(paths: CommandPaths, workspaceRoot: string, projectRoot: string, args: string): string {
  if (paths.cliBin === null) return `dlthub ${args}`;
  return `node ${fromProject(workspaceRoot, projectRoot, paths.cliBin)} ${args}`;
}

export function pythonTaskCommand(
  paths: CommandPaths,
  workspaceRoot: string,
  projectRoot: string,
  args: string,
): string {
  return `node ${fromProject(workspaceRoot, projectRoot, paths.pythonTask)} ${args}`;
}
