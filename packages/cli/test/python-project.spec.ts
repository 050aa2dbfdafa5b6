/**
 * The Python project side of a workspace on the built binary: dependency files are merged, never
 * rewritten; names are valid PEP 508; destination requirements follow `destination add` and are checked
 * by `config validate`. Every generated pyproject.toml is checked by Python (PEP 621, PEP 508 strings).
 */
import { parse } from 'smol-toml';
import { parseRequirement } from '@dlthub/scaffold';
import { checkPyproject } from '@dlthub/scaffold/testing';
import type { Sandbox } from './helpers';
import { sandbox } from './helpers';

const USER_PYPROJECT = [
  '# my project, formatted my way',
  '[project]',
  'name = "legacy-app"',
  'version = "2.1.0"',
  'dependencies = [',
  '    "pandas>=2,<3",  # analysis',
  "    'requests==2.32.3',",
  ']',
  '',
  '[tool.ruff]',
  'line-length = 100',
  '',
].join('\n');

describe('the Python project of a workspace', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(() => box.cleanup());

  it('init --force never destroys pyproject.toml: dlt[hub] is merged in, every other byte kept', () => {
    box.write('pyproject.toml', USER_PYPROJECT);
    expect(box.run(['init']).code).toBe(0);
    const merged = USER_PYPROJECT.replace(
      "    'requests==2.32.3',\n",
      '    \'requests==2.32.3\',\n    "dlt[hub]>=1.27.2,<2",\n',
    );
    expect(box.read('pyproject.toml')).toBe(merged);
    const forced = box.run(['init', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('[KEEP]      pyproject.toml  (dependencies present)');
    expect(box.read('pyproject.toml')).toBe(merged);
    expect(checkPyproject(merged)).toMatchObject({ problems: [], name: 'legacy-app' });
  });

  it('init --force never destroys requirements.txt either; an uneditable pyproject is left with what to add', () => {
    box.write('requirements.txt', '-r base.txt\ndlt>=1.27  # pinned by us\nrequests\n');
    expect(box.run(['init', '--force']).code).toBe(0);
    expect(box.read('requirements.txt')).toBe('-r base.txt\ndlt[hub]>=1.27  # pinned by us\nrequests\n');

    const poetry = sandbox();
    try {
      poetry.write('pyproject.toml', '[tool.poetry]\nname = "x"\n');
      const result = poetry.run(['init', '--force']);
      expect(result.code).toBe(0);
      expect(poetry.read('pyproject.toml')).toBe('[tool.poetry]\nname = "x"\n');
      expect(result.stderr).toContain(
        'pyproject.toml was left as it is (it has no [project] table); add to your dependencies: dlt[hub]>=1.27.2,<2',
      );
    } finally {
      poetry.cleanup();
    }
  });

  it('--name "My Shop" gives the valid PEP 508 project name my-shop; --force --name x writes the name it prints', () => {
    const result = box.run(['init', '--name', 'My Shop', '--dependencies', 'pyproject']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Project name: My Shop');
    expect(result.stderr).toContain('Python project name: my-shop');
    const pyproject = box.read('pyproject.toml');
    expect(checkPyproject(pyproject)).toMatchObject({ problems: [], name: 'my-shop' });
    expect(parse(box.read('.dlt/config.toml'))).toMatchObject({ workspace: { settings: { name: 'My Shop' } } });

    const renamed = box.run(['init', '--force', '--name', 'x']);
    expect(renamed.code).toBe(0);
    expect(renamed.stderr).toContain('Project name: x');
    expect(renamed.stdout).toContain('[UPDATE]    .dlt/config.toml  (workspace name set)');
    expect(parse(box.read('.dlt/config.toml'))).toMatchObject({ workspace: { settings: { name: 'x' } } });
    expect(box.read('pyproject.toml')).toBe(pyproject);
  });

  it('a dry run whose plan has a conflict exits 1 like the real run, and writes nothing', () => {
    expect(box.run(['init', '--dependencies', 'requirements']).code).toBe(0);
    const before = box.snapshot();
    const dry = box.run(['init', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('[CONFLICT] .dlt/.workspace');
    expect(dry.stderr).toMatch(/error: Nothing was written: \.dlt\/\.workspace/);
    expect(box.run(['--json', 'init', '--dry-run']).code).toBe(1);
    expect(box.snapshot()).toEqual(before);
  });

  it('destination add merges the plugin requirement; config validate reports one that is missing', () => {
    expect(box.run(['init', '--dependencies', 'pyproject']).code).toBe(0);
    expect(parse(box.read('pyproject.toml'))).toMatchObject({ project: { name: 'shop' } });
    const added = box.run(['destination', 'add', 'warehouse', '--type', 'postgres', '--profile', 'prod']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('[UPDATE] pyproject.toml  (added dlt[postgres])');
    const lake = box.run(['destination', 'add', 'lake', '--type', 'filesystem', '--profile', 'dev']);
    expect(lake.code).toBe(0);
    const dependencies = (parse(box.read('pyproject.toml')) as { project: { dependencies: string[] } }).project
      .dependencies;
    expect(dependencies[0]).toBe('dlt[hub,postgres,filesystem]>=1.27.2,<2');
    expect(dependencies.filter((dependency) => parseRequirement(dependency)?.key === 'dlt')).toHaveLength(1);
    expect(checkPyproject(box.read('pyproject.toml')).problems).toEqual([]);

    // A gs:// bucket needs gcsfs, which the project does not list: validate names the destination and file.
    box.write(
      '.dlt/dev.config.toml',
      box.read('.dlt/dev.config.toml').replace(/bucket_url = .*/, 'bucket_url = "gs://bucket/data"'),
    );
    box.write(
      '.dlt/dev.secrets.toml',
      '[destination.lake.credentials]\nproject_id = "p"\nprivate_key = "k"\nclient_email = "e@p.iam.gserviceaccount.com"\n',
    );
    const validate = box.run(['--json', 'config', 'validate', '--profile', 'dev']);
    const report = JSON.parse(validate.stdout) as { issues: Array<{ kind: string; message: string }> };
    expect(report.issues.filter((issue) => issue.kind === 'dependency')).toEqual([
      {
        kind: 'dependency',
        key: 'destination.lake',
        file: 'pyproject.toml',
        message:
          "destination lake (filesystem): pyproject.toml does not list gcsfs>=2022.4.0; add it to the project's dependencies.",
      },
    ]);
    expect(validate.code).toBe(1);
  });
});
