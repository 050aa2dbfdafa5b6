/** Real temp directories for specs: write a tree of files, list it back, clean up. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DlthubError } from '../errors';

export interface TempTree {
  dir: string;
  write(files: Record<string, string | Buffer>): void;
  path(...parts: string[]): string;
  /** Every file under the tree with its bytes, to prove nothing was written. */
  snapshot(): Record<string, string>;
  cleanup(): void;
}

export function tempTree(prefix = 'config-core-'): TempTree {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const tree: TempTree = {
    dir,
    path: (...parts) => path.join(dir, ...parts),
    write(files) {
      for (const [name, content] of Object.entries(files)) {
        const target = path.join(dir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    },
    snapshot() {
      const result: Record<string, string> = {};
      const walk = (current: string) => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
          const full = path.join(current, entry.name);
          const relative = path.relative(dir, full);
          if (entry.isDirectory()) {
            result[`${relative}/`] = '';
            walk(full);
          } else if (entry.isFile()) result[relative] = fs.readFileSync(full).toString('base64');
          else result[relative] = entry.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : 'special';
        }
      };
      walk(dir);
      return result;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  return tree;
}

/** A workspace root `<tree>/ws` with the marker, plus an empty global dir `<tree>/global`. */
export function workspaceTree(files: Record<string, string | Buffer> = {}, options: { marker?: boolean } = {}) {
  const tree = tempTree();
  tree.write({ ...(options.marker === false ? {} : { 'ws/.dlt/.workspace': '' }), ...files });
  fs.mkdirSync(tree.path('global'), { recursive: true });
  fs.mkdirSync(tree.path('ws'), { recursive: true });
  return { tree, root: tree.path('ws'), globalDir: tree.path('global') };
}

/** Runs `run`, which must throw a DlthubError, and returns that error for assertions. */
export function caughtDlthubError(run: () => unknown): DlthubError {
  try {
    run();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('expected a DlthubError');
}
