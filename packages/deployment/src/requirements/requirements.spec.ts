import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeRequirements } from './requirements';
import { parseRequirement } from './requirement';
import { LAUNCHERS } from './launchers';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-req-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text);

describe('describeRequirements', () => {
  it('reads [project.dependencies] and PEP 735 groups from pyproject.toml', async () => {
    write(
      'pyproject.toml',
      [
        '[project]',
        'name = "github-ingest"',
        'dependencies = ["dlt[duckdb,motherduck]>=1.26.0", "pandas"]',
        '[dependency-groups]',
        'dev = ["pytest", {include-group = "lint"}]',
        'lint = ["ruff"]',
        'notebooks = ["marimo>=0.14"]',
      ].join('\n'),
    );
    write('.python-version', '3.11.9\n');
    const { requirements, source, warnings } = await describeRequirements(root);
    expect(source).toBe('pyproject.toml');
    expect(warnings).toEqual([]);
    expect(requirements).toEqual({
      engine_version: 1,
      python_version: '3.11',
      dlt_version: { name: 'dlt', extras: ['duckdb', 'motherduck'], version: '>=1.26.0', mode: 'pypi' },
      default_groups: ['main'],
      groups: {
        main: ['dlt[duckdb,motherduck]>=1.26.0', 'pandas'],
        dev: ['pytest', 'ruff'],
        lint: ['ruff'],
        notebooks: ['marimo>=0.14'],
      },
      launcher_requirements: expect.objectContaining({
        [LAUNCHERS.job]: ['croniter', 'dlthub', 'botocore', 's3fs'],
        [LAUNCHERS.marimo]: ['croniter', 'dlthub', 'marimo', 'uvicorn'],
        [LAUNCHERS.mcp]: ['croniter', 'dlthub', 'fastmcp', 'uvicorn'],
        [LAUNCHERS.streamlit]: ['croniter', 'dlthub', 'streamlit'],
      }),
    });
  });

  it('says so when uv.lock exists but uv is not installed, and uses pyproject.toml as written', async () => {
    write('pyproject.toml', '[project]\nname = "x"\ndependencies = ["dlt==1.26.0"]\n');
    write('uv.lock', 'version = 1\n');
    const { requirements, source, warnings } = await describeRequirements(root, { uvCommand: 'uv-not-installed-here' });
    expect(source).toBe('pyproject.toml');
    expect(warnings).toEqual([expect.stringContaining('uv.lock found but `uv` is not installed')]);
    expect(requirements.dlt_version).toEqual({ name: 'dlt', extras: [], version: '==1.26.0', mode: 'pypi' });
  });

  it('falls back to requirements.txt with includes, comments and options', async () => {
    write('requirements.txt', '# deps\n-r base.txt\nrequests>=2 # http\n--index-url https://example.invalid\n\n');
    write('base.txt', 'dlt @ git+https://github.com/dlt-hub/dlt@devel\n');
    const { requirements, source, warnings } = await describeRequirements(root);
    expect(source).toBe('requirements.txt');
    expect(requirements.groups).toEqual({ main: ['dlt @ git+https://github.com/dlt-hub/dlt@devel', 'requests>=2'] });
    expect(requirements.dlt_version).toEqual({
      name: 'dlt',
      extras: [],
      version: null,
      mode: 'git',
      location: 'git+https://github.com/dlt-hub/dlt@devel',
    });
    expect(warnings).toEqual(['Requirement option "--index-url https://example.invalid" is not shipped.']);
  });

  it('is empty without any dependency file; a broken pyproject.toml names the line', async () => {
    const empty = await describeRequirements(root);
    expect(empty.source).toBe('none');
    expect(empty.requirements.groups).toEqual({ main: [] });
    expect(empty.requirements.dlt_version).toBeNull();
    write('pyproject.toml', '[project]\nname = \n');
    await expect(describeRequirements(root)).rejects.toThrow(/pyproject\.toml:2:/);
  });
});

describe('parseRequirement', () => {
  it('reads names, extras, versions, markers and direct references', () => {
    expect(parseRequirement('Dlt[az] >= 1.0 ; python_version < "3.13"')).toEqual({
      name: 'Dlt',
      extras: ['az'],
      version: '>=1.0',
      mode: 'pypi',
    });
    expect(parseRequirement('-e ./libs/dlt')).toBeNull();
    expect(parseRequirement('dlt @ file:///src/dlt')).toMatchObject({ mode: 'path', location: 'file:///src/dlt' });
  });
});
