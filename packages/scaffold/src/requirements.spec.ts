import { parseToml } from '@dlthub/config-core/toml';
import { checkPyproject } from './__fixtures__/python-check';
import {
  mergePyprojectDependencies,
  mergeRequirementsTxt,
  missingRequirements,
  parseRequirement,
  pythonProjectName,
  readRequirementsTxt,
} from './requirements';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

const merged = (text: string, wanted: string[]): string => {
  const result = mergePyprojectDependencies(text, wanted);
  if (!result.ok) throw new Error(result.reason);
  return result.content ?? text;
};

describe('PEP 508 names and extras', () => {
  it('parses the name, normalized key and extras', () => {
    expect(parseRequirement('Dlt[Hub, Postgres]>=1.2,<2 ; python_version >= "3.10"')).toMatchObject({
      name: 'Dlt',
      key: 'dlt',
      extras: ['Hub', 'Postgres'],
      extraKeys: ['hub', 'postgres'],
    });
    expect(parseRequirement('google_cloud.BigQuery==3')?.key).toBe('google-cloud-bigquery');
    expect(parseRequirement('>=1')).toBeNull();
  });

  it('a listed project with all extras is satisfied, whatever its version range', () => {
    expect(missingRequirements(['dlt[hub,postgres]>=1.27.2,<2'], ['dlt[postgres]', 'dlt'])).toEqual([]);
    expect(missingRequirements(['DLT>=1'], ['dlt[postgres]', 's3fs'])).toEqual(['dlt[postgres]', 's3fs']);
  });

  it.each([
    ['My Shop', 'my-shop'],
    ['shop', 'shop'],
    ['  Café Ünïcode!! ', 'cafe-unicode'],
    ['__x__', 'x'],
    ['日本', 'dlthub-workspace'],
    ['a..b--c', 'a-b-c'],
  ])('project name %j → %j, a valid PEP 508 name', (input, expected) => {
    expect(pythonProjectName(input)).toBe(expected);
    expect(checkPyproject(`[project]\nname = ${JSON.stringify(pythonProjectName(input))}\n`).problems).toEqual([]);
  });
});

describe('merging into requirements.txt', () => {
  it('adds missing extras in place and appends new projects, keeping comments and ranges', () => {
    const text = '# pinned\ndlt[hub]>=1.27.2,<2  # the core\n-r other.txt\nduckdb>=0.9\n';
    expect(mergeRequirementsTxt(text, ['dlt[postgres]', 'dlt[sql_database]', 'sqlalchemy>=1.4', 'duckdb'])).toBe(
      '# pinned\ndlt[hub,postgres,sql_database]>=1.27.2,<2  # the core\n-r other.txt\nduckdb>=0.9\nsqlalchemy>=1.4\n',
    );
  });

  it('returns null when nothing is missing, and handles a file without a final newline', () => {
    expect(mergeRequirementsTxt('dlt[postgres]\n', ['dlt[postgres]'])).toBeNull();
    expect(mergeRequirementsTxt('dlt', ['dlt[duckdb]', 'x'])).toBe('dlt[duckdb]\nx\n');
    expect(readRequirementsTxt('a>=1 # c\n\n# x\n-e .\nb\n')).toEqual(['a>=1', 'b']);
  });
});

describe('merging into pyproject.toml [project] dependencies', () => {
  const pyproject = [
    '# my project',
    '[project]',
    'name = "shop"  # keep me',
    'dependencies = [',
    '    # the core',
    '    "dlt[hub]>=1.27.2,<2",',
    "    'duckdb>=0.9'",
    ']',
    '',
    '[tool.uv]',
    'dev-dependencies = ["pytest"]',
    '',
  ].join('\n');

  it('extends extras in place and appends one entry per line, touching nothing else', () => {
    const result = merged(pyproject, ['dlt[postgres]', 'sqlalchemy>=1.4', 'duckdb']);
    expect(result).toBe(
      [
        '# my project',
        '[project]',
        'name = "shop"  # keep me',
        'dependencies = [',
        '    # the core',
        '    "dlt[hub,postgres]>=1.27.2,<2",',
        "    'duckdb>=0.9',",
        '    "sqlalchemy>=1.4",',
        ']',
        '',
        '[tool.uv]',
        'dev-dependencies = ["pytest"]',
        '',
      ].join('\n'),
    );
    expect(checkPyproject(result).problems).toEqual([]);
  });

  it('merging twice changes nothing the second time (no duplicates)', () => {
    const once = merged(pyproject, ['dlt[postgres]', 's3fs>=2022.4.0']);
    expect(mergePyprojectDependencies(once, ['dlt[postgres]', 's3fs>=2022.4.0'])).toEqual({ ok: true, content: null });
  });

  it('handles one-line and empty arrays, and a [project] without dependencies', () => {
    expect(merged('[project]\nname = "x"\ndependencies = ["a"]\n', ['b'])).toBe(
      '[project]\nname = "x"\ndependencies = ["a", "b"]\n',
    );
    expect(merged('[project]\nname = "x"\ndependencies = []\n', ['b', 'c'])).toBe(
      '[project]\nname = "x"\ndependencies = ["b", "c"]\n',
    );
    const added = merged('[project]\nname = "x"\n\n[tool.x]\ny = 1\n', ['dlt[duckdb]']);
    expect(parse(added)).toEqual({ project: { name: 'x', dependencies: ['dlt[duckdb]'] }, tool: { x: { y: 1 } } });
    expect(added.endsWith('\n\n[tool.x]\ny = 1\n')).toBe(true);
  });

  it('a multi-line array whose last element has a trailing comma or shares the closing line', () => {
    expect(merged('[project]\nname = "x"\ndependencies = [\n  "a",\n]\n', ['b'])).toBe(
      '[project]\nname = "x"\ndependencies = [\n  "a",\n  "b",\n]\n',
    );
    const sameLine = merged('[project]\nname = "x"\ndependencies = [\n  "a"]\n', ['b']);
    expect(parse(sameLine)).toEqual({ project: { name: 'x', dependencies: ['a', 'b'] } });
  });

  it('refuses files it cannot edit safely, with the reason', () => {
    expect(mergePyprojectDependencies('[tool.poetry]\nname = "x"\n', ['dlt'])).toEqual({
      ok: false,
      reason: 'it has no [project] table',
    });
    expect(mergePyprojectDependencies('[project]\nname = "x"\ndynamic = ["dependencies"]\n', ['dlt'])).toMatchObject({
      ok: false,
      reason: 'its dependencies are dynamic',
    });
    expect(mergePyprojectDependencies('[project\nname = ', ['dlt'])).toMatchObject({ ok: false });
  });
});
