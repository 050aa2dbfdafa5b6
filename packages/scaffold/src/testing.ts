/**
 * `@dlthub/scaffold/testing`: checks the scaffolding specs share with the CLI's (PEP 621 `pyproject.toml`,
 * Python syntax through `python3`, a local verified-sources git repository). Built like the main entry.
 */
export { checkPyproject, pyCompile } from './__fixtures__/python-check';
export { createVerifiedSourcesRepo } from './__fixtures__/verified-sources-repo';
