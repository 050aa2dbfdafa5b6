/**
 * Generated Python files checked by Python itself: scripts compile with `py_compile`; a pyproject.toml
 * is PEP 621 with a valid name and PEP 508 dependency strings (through `packaging` when importable, else a
 * careful PEP 508 check written here in Python).
 */
import { execFileSync } from 'node:child_process';

const CHECK_PYPROJECT = String.raw`
import json, re, sys, tomllib
doc = tomllib.loads(sys.stdin.read())
problems = []
project = doc.get("project")
if not isinstance(project, dict):
    problems.append("no [project] table")
    project = {}
name = project.get("name")
if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]", name):
    problems.append("invalid name %r" % (name,))
deps = project.get("dependencies", [])
if not isinstance(deps, list):
    problems.append("dependencies is not an array")
    deps = []
try:
    from packaging.requirements import Requirement, InvalidRequirement
    def check(dep):
        try:
            Requirement(dep)
            return None
        except InvalidRequirement as error:
            return str(error)
    checker = "packaging"
except ImportError:
    IDENT = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
    VERSION_ONE = r"\s*(?:===|==|!=|<=|>=|~=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*"
    PATTERN = re.compile(r"\s*%s\s*(?:\[\s*(?:%s(?:\s*,\s*%s)*)?\s*\])?\s*(?:%s(?:,%s)*|\(%s(?:,%s)*\))?\s*(?:;\s*.+)?$" % (IDENT, IDENT, IDENT, VERSION_ONE, VERSION_ONE, VERSION_ONE, VERSION_ONE))
    def check(dep):
        return None if PATTERN.fullmatch(dep) else "not a PEP 508 requirement"
    checker = "pep508-regex"
for dep in deps:
    if not isinstance(dep, str):
        problems.append("dependency %r is not a string" % (dep,))
        continue
    error = check(dep)
    if error:
        problems.append("%r: %s" % (dep, error))
print(json.dumps({"problems": problems, "checker": checker, "name": name, "dependencies": deps}))
`;

export interface PyprojectCheck {
  problems: string[];
  checker: 'packaging' | 'pep508-regex';
  name: unknown;
  dependencies: unknown[];
}

export function checkPyproject(text: string): PyprojectCheck {
  return JSON.parse(execFileSync('python3', ['-c', CHECK_PYPROJECT], { input: text }).toString()) as PyprojectCheck;
}

/** Compiles each file with `python3 -m py_compile`; throws with Python's message when one does not parse. */
export function pyCompile(files: readonly string[]): void {
  if (files.length === 0) throw new Error('no Python files to compile');
  execFileSync('python3', ['-m', 'py_compile', ...files], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPYCACHEPREFIX: '/tmp/dlthub-pycache' },
  });
}

/** Compiles Python source text (an in-memory generated file). */
export function pyCompileText(source: string, name = '<generated>'): void {
  execFileSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', name], {
    input: source,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}
