/**
 * What the workspace's Python files say about jobs, read with Python's own `ast` parser through
 * `python3` (python/job_decorators.py, shipped with this package; `DLTHUB_PYTHON` names another interpreter): a profile counts as referenced only
 * when a real decorator call has `require={"profile": "<name>"}`, never because a comment, docstring or
 * string contains that text. No user code is run.
 */
import { isAscii } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError, type Env } from '@dlthub/config-core';

export interface ProfileReference {
  profile: string;
  /** Python file relative to the workspace root, `/`-separated. */
  file: string;
  line: number;
}

export interface DecoratorReading {
  references: ProfileReference[];
  /** Files or decorators that could not be read (a syntax error, a computed profile name). */
  problems: Array<{ file: string; line: number; message: string }>;
}

/** Folders never scanned for job decorators: virtualenvs, JS deps, dlt's own settings, VCS data, caches. */
const skippedDirs = new Set(['.venv', 'venv', 'node_modules', '.dlt', '.git', '__pycache__']);

const script = path.join(__dirname, '..', 'python', 'job_decorators.py');

function pythonFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (!skippedDirs.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root);
  return found;
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/**
 * Whether the source can hold a `require=` keyword: its text has `require`, or a non-ASCII byte
 * (Python folds identifiers with NFKC, so a fullwidth `ｒｅｑｕｉｒｅ` is the same keyword). Only such
 * files go to python3: parsing every module of a 2,000-file workspace took it 1.5 s on each deploy.
 * A file that cannot be read is kept, so that the parser reports why.
 */
function mayRequireProfile(file: string): boolean {
  let source: Buffer;
  try {
    source = fs.readFileSync(file);
  } catch {
    return true;
  }
  return source.includes('require') || !isAscii(source);
}

/** Every `require={"profile": …}` of a job decorator in the workspace's Python files. */
export function readJobDecorators(rootDir: string, env: Env): DecoratorReading {
  const files = pythonFiles(rootDir).filter(mayRequireProfile);
  if (files.length === 0) return { references: [], problems: [] };
  let output: string;
  try {
    output = execFileSync(env.DLTHUB_PYTHON || 'python3', [script], {
      input: JSON.stringify(files),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
    });
  } catch (cause) {
    throw new DlthubError('Internal', 'Cannot read the job decorators of the Python files: python3 did not run.', {
      hint: "Install Python 3 (or point DLTHUB_PYTHON at it); job decorators are read with Python's own parser.",
      cause,
    });
  }
  const parsed = JSON.parse(output) as DecoratorReading;
  const relative = <T extends { file: string }>(item: T): T => ({
    ...item,
    file: toPosix(path.relative(rootDir, item.file)),
  });
  return { references: parsed.references.map(relative), problems: parsed.problems.map(relative) };
}
