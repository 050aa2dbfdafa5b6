/** What a dltHub workspace dir holds on the Python side, from one listing of its root (inference runs per graph). */
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export interface PythonLayout {
  dependencies: 'pyproject' | 'requirements' | null;
  /** `*_pipeline.py` scripts in the workspace root, sorted. */
  pipelines: string[];
  hasTests: boolean;
  hasRuff: boolean;
}

const PIPELINE_SCRIPT = /^(.+)_pipeline\.py$/;
const TEST_FILE = /^(test_.*|.*_test)\.py$/;
/** `ruff` as a requirement: a word of its own, followed by a version, extra, quote or line end. */
const RUFF_REQUIREMENT = /(^|["'\s,[])ruff(?=$|[\s"'<>=!~;,[\]])/m;

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function mentionsRuff(file: string): boolean {
  try {
    return RUFF_REQUIREMENT.test(readFileSync(file, 'utf-8'));
  } catch {
    return false;
  }
}

export function pythonLayout(absoluteRoot: string): PythonLayout {
  const listing = entries(absoluteRoot);
  const files = new Set(listing.filter((entry) => entry.isFile()).map((entry) => entry.name));
  const dirs = new Set(listing.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
  const dependencies = files.has('pyproject.toml')
    ? 'pyproject'
    : files.has('requirements.txt')
      ? 'requirements'
      : null;
  const pipelines = [...files].filter((name) => PIPELINE_SCRIPT.test(name)).sort();
  const hasTests =
    [...files].some((name) => TEST_FILE.test(name)) ||
    ['tests', 'test'].some((dir) => dirs.has(dir) && entries(join(absoluteRoot, dir)).length > 0);
  const dependencyFiles = [...files].filter((name) => name === 'pyproject.toml' || /^requirements.*\.txt$/.test(name));
  const hasRuff = dependencyFiles.some((name) => mentionsRuff(join(absoluteRoot, name)));
  return { dependencies, pipelines, hasTests, hasRuff };
}

/** `github_pipeline.py` → `github`. */
export function pipelineName(script: string): string {
  return PIPELINE_SCRIPT.exec(script)?.[1] ?? script.replace(/\.py$/, '');
}
