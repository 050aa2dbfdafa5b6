/** Runs the real built `dlthub` binary as a child process in temp workspaces, with a clean environment. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BIN = path.resolve(__dirname, '..', 'bin', 'dlthub.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  /** The workspace dir the command runs in. */
  dir: string;
  /** DLTHUB_GLOBAL_DIR (and HOME) for the run. */
  globalDir: string;
  run(args: string[], options?: { env?: Record<string, string>; cwd?: string }): CliResult;
  write(relative: string, content: string): void;
  read(relative: string): string;
  exists(relative: string): boolean;
  /** sha256 of every file under `dir`, to prove a command changed nothing (or only what it should). */
  snapshot(): Record<string, string>;
  cleanup(): void;
}

/** Write, read and test files relative to `dir` (shared by the local and the platform sandboxes). */
export function filesIn(dir: string): Pick<Sandbox, 'write' | 'read' | 'exists'> {
  return {
    write(relative, content) {
      const file = path.join(dir, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    },
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    exists: (relative) => fs.existsSync(path.join(dir, relative)),
  };
}

export function sandbox(): Sandbox {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-cli-')));
  const dir = path.join(base, 'shop');
  const globalDir = path.join(base, 'global');
  fs.mkdirSync(dir);
  fs.mkdirSync(globalDir);
  const walk = (current: string): string[] =>
    fs.readdirSync(current, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(current, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    });
  return {
    dir,
    globalDir,
    run(args, options = {}) {
      const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? dir,
        encoding: 'utf8',
        // A clean environment: nothing from the developer's shell leaks into resolution.
        env: { PATH: process.env.PATH ?? '', HOME: base, DLTHUB_GLOBAL_DIR: globalDir, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    ...filesIn(dir),
    snapshot() {
      return Object.fromEntries(
        walk(dir)
          .sort()
          .map((file) => [path.relative(dir, file), createHash('sha256').update(fs.readFileSync(file)).digest('hex')]),
      );
    },
    cleanup: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** A workspace as `dlthub init` makes it (written directly, so tests of other commands do not depend on init). */
export function writeWorkspace(box: Sandbox, files: Record<string, string> = {}): void {
  box.write('.dlt/.workspace', '');
  box.write('.dlt/config.toml', '[runtime]\nlog_level = "WARNING"\n\n[workspace.settings]\nname = "shop"\n');
  box.write('.dlt/secrets.toml', '# add your dlt secrets here\n');
  for (const [file, content] of Object.entries(files)) box.write(file, content);
}

/** The error contract: one `error:` line and one `hint:` line on stderr, nothing on stdout. */
export function expectOneLineError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.filter((line) => line.startsWith('error: '))).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(lines[lines.length - 1]).toMatch(/^hint: \S/);
}
