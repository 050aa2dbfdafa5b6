/**
 * Python code is read by Python: the verified-source inspector (`python/inspect_source.py`) runs under
 * `python3` and answers in JSON (docstrings, required keys, the script with its destination filled in).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';

/** Next to `src/` and `dist/`. */
const INSPECTOR = path.resolve(__dirname, '..', 'python', 'inspect_source.py');

export type PlaceholderKind = 'text' | 'int' | 'bool';

export interface AdaptedScript {
  script: string;
  replaced: number;
  secrets: Record<string, PlaceholderKind>;
  config: Record<string, PlaceholderKind>;
  imports: string[];
}

function runInspector(request: Record<string, unknown>, what: string): unknown {
  const python = process.env.DLTHUB_PYTHON || 'python3';
  try {
    const output = execFileSync(python, [INSPECTOR], {
      input: JSON.stringify(request),
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output.toString('utf8')) as unknown;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') {
      throw new DlthubError('NotFound', `${python} was not found; it is needed to read ${what}.`, {
        hint: 'Install Python 3 (or set DLTHUB_PYTHON to its path) and run the command again.',
      });
    }
    const reason = String(failure.stderr ?? '')
      .trim()
      .split('\n')
      .pop();
    throw new DlthubError('InvalidConfigValue', `Cannot read ${what}${reason ? `: ${reason}` : ''}.`, {
      hint: 'Fix the Python syntax in the source repository, or pick another source.',
    });
  }
}

/** First docstring line of each module text (dlt's one-line source description). */
export function describeModules(modules: Record<string, string>): Record<string, string> {
  if (Object.keys(modules).length === 0) return {};
  return runInspector({ mode: 'describe', modules }, 'the verified sources') as Record<string, string>;
}

/** The pipeline script with `destination=` set, and the keys the source modules require. */
export function adaptVerifiedSource(
  script: string,
  destination: string,
  modules: Record<string, string>,
  what: string,
): AdaptedScript {
  return runInspector({ mode: 'adapt', script, destination, modules }, what) as AdaptedScript;
}
