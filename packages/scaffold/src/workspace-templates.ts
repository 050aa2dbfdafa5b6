/**
 * Bodies of the files `dlthub init` creates (dlt-semantics §1.3–§1.4). config.toml and secrets.toml are
 * only ever created, never rewritten, so these are plain strings.
 */

/** Strings go into TOML as basic strings; JSON escaping is a valid subset of TOML's. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}

/** dlt's template config.toml plus the parquet normalizer and workspace name dlthub init appends. */
export function workspaceConfigToml(name: string): string {
  return [
    '# put your configuration values here',
    '',
    '[runtime]',
    'log_level = "WARNING"  # the system log level of dlt',
    '# use the dlthub_telemetry setting to enable/disable anonymous usage data reporting, see https://dlthub.com/docs/reference/telemetry',
    'dlthub_telemetry = true',
    '',
    '[normalize.parquet_normalizer]',
    'add_dlt_load_id = true',
    '',
    '[workspace.settings]',
    `name = ${tomlString(name)}`,
    '',
  ].join('\n');
}

export const WORKSPACE_SECRETS_TOML = '# add your dlt secrets here\n';

/** The dlt versions this CLI scaffolds for. */
export const DLT_REQUIREMENT = 'dlt>=1.27.2,<2';

/** The requirement that makes a Python project a dltHub workspace (the docs: `uv add "dlt[hub]"`). */
export const DLT_HUB_REQUIREMENT = 'dlt[hub]>=1.27.2,<2';

/** Runtime dependencies of a dltHub workspace (dlthub init's pyproject, §1.3 / §1.5). */
export const WORKSPACE_DEPENDENCIES: readonly string[] = [
  DLT_HUB_REQUIREMENT,
  'dlthub>=0.27.0,<1',
  'dlthub-client>=0.27.7,<1',
  'duckdb>=0.9',
  'ibis-framework>=12.0.0',
  'pyarrow>=16.0.0',
  'marimo>=0.14.5',
  'pathspec>=0.11.2',
  'croniter>=6.0.0',
];

/** `name` must already be a valid PEP 508 project name (see `pythonProjectName`). */
export function pyprojectToml(name: string): string {
  return [
    '[project]',
    `name = ${tomlString(name)}`,
    'version = "0.0.1"',
    'description = "A dlthub workspace"',
    'requires-python = ">=3.10"',
    'dependencies = [',
    ...WORKSPACE_DEPENDENCIES.map((dependency) => `    ${tomlString(dependency)},`),
    ']',
    '',
  ].join('\n');
}

export function requirementsTxt(): string {
  return `${WORKSPACE_DEPENDENCIES.join('\n')}\n`;
}

/** The dlt-specific head of the template .gitignore (dlthub-init layout: state and data under .dlt). */
export const DLT_GITIGNORE_LINES: readonly string[] = [
  'secrets.toml',
  '*.secrets.toml',
  '.dlt/profile-name',
  '.dlt/state',
  '.dlt/data',
  '*.duckdb',
  '*.wal',
];

/** A trimmed standard GitHub Python .gitignore, after the dlt block. */
const PYTHON_GITIGNORE_LINES: readonly string[] = [
  '# Byte-compiled / optimized / DLL files',
  '__pycache__/',
  '*.py[cod]',
  '*$py.class',
  '',
  '# Distribution / packaging',
  'build/',
  'dist/',
  '*.egg-info/',
  '.eggs/',
  'wheels/',
  '',
  '# Environments',
  '.env',
  '.venv',
  'env/',
  'venv/',
  'ENV/',
  '',
  '# Unit test / coverage reports',
  '.pytest_cache/',
  '.coverage',
  'htmlcov/',
  '.tox/',
  '.mypy_cache/',
  '.ruff_cache/',
  '',
  '# Jupyter Notebook',
  '.ipynb_checkpoints',
];

export function workspaceGitignore(): string {
  return ['# dlt', ...DLT_GITIGNORE_LINES, '', ...PYTHON_GITIGNORE_LINES, ''].join('\n');
}
