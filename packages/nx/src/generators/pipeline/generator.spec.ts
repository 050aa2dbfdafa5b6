import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { expectFailureWritesNothing } from '../../testing/tree-snapshot';
import {
  createWorkspaceTree,
  expectEachFailureWritesNothing,
  expectSameOnTsSolution,
  parseGeneratedToml,
  pathsChangedBy,
  readToml,
} from '../__fixtures__/generator-tree';
import { pipelineGenerator } from './generator';

/** The dltHub workspace every test starts from. */
const ANALYTICS_WORKSPACE = { name: 'analytics', profiles: 'dev' };

describe('pipeline generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = await createWorkspaceTree(ANALYTICS_WORKSPACE);
  });

  it('writes <source>_pipeline.py and the placeholders into the workspace-scoped files', async () => {
    const configBefore = tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '';
    const changed = await pathsChangedBy(tree, () =>
      pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' }),
    );
    expect(changed).toContain('analytics/rest_api_pipeline.py');
    expect(
      changed.every((path) =>
        ['analytics/rest_api_pipeline.py', 'analytics/.dlt/config.toml', 'analytics/.dlt/secrets.toml'].includes(path),
      ),
    ).toBe(true);
    expect(tree.read('analytics/rest_api_pipeline.py', 'utf-8')).toMatch(/warehouse/);
    // The existing config.toml keeps every byte it had; new keys only come after.
    expect((tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '').startsWith(configBefore.trimEnd())).toBe(true);
    expect(() => parseGeneratedToml(tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '')).not.toThrow();
  });

  it('accepts a destination type and writes its required keys', async () => {
    await pipelineGenerator(tree, { source: 'my_source', destination: 'postgres', workspace: 'analytics' });
    expect(tree.exists('analytics/my_source_pipeline.py')).toBe(true);
    const secrets = readToml(tree, 'analytics/.dlt/secrets.toml');
    expect(secrets.destination.postgres.credentials).toBeDefined();
  });

  it('works on a TS-solution workspace', async () => {
    await expectSameOnTsSolution(
      tree,
      (target) => pipelineGenerator(target, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' }),
      { workspace: ANALYTICS_WORKSPACE, paths: ['analytics/rest_api_pipeline.py'] },
    );
  });

  it('bad options write nothing', async () => {
    await expectEachFailureWritesNothing(tree, pipelineGenerator, [
      [{ source: 'rest_api', destination: 'nowhere', workspace: 'analytics' }, /Unknown destination "nowhere"/],
      [{ source: 'Bad-Name', destination: 'warehouse', workspace: 'analytics' }, /Invalid source name/],
      [{ source: 'rest_api', destination: 'warehouse', workspace: 'nope' }, /No dltHub workspace project/],
    ]);
  });

  it('an existing pipeline script is a conflict: nothing is written', async () => {
    tree.write('analytics/rest_api_pipeline.py', '# mine\n');
    await expectFailureWritesNothing(
      tree,
      () => pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' }),
      /Nothing was written: rest_api_pipeline\.py \(exists\)\.\nDelete or rename the existing rest_api_pipeline\.py, or pass another source name/,
    );
  });
});

describe('pipeline generator --location', () => {
  let repository: string;
  beforeEach(() => {
    // A directory laid out like dlt's verified-sources repository.
    repository = mkdtempSync(join(tmpdir(), 'dlthub-nx-sources-'));
    mkdirSync(join(repository, 'sources', 'weather'), { recursive: true });
    writeFileSync(
      join(repository, 'sources', 'weather', '__init__.py'),
      [
        '"""Weather API"""',
        'import dlt',
        '',
        '',
        '@dlt.source',
        'def weather(city: str = dlt.config.value, api_key: str = dlt.secrets.value):',
        '    return []',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(repository, 'sources', 'weather_pipeline.py'),
      'import dlt\n\npipeline = dlt.pipeline(pipeline_name="weather", destination="duckdb")\n',
    );
  });
  afterEach(() => rmSync(repository, { recursive: true, force: true }));

  it('reads the verified source from a local directory', async () => {
    const tree = await createWorkspaceTree(ANALYTICS_WORKSPACE);
    await pipelineGenerator(tree, {
      source: 'weather',
      destination: 'warehouse',
      workspace: 'analytics',
      location: repository,
    });
    expect(tree.read('analytics/weather_pipeline.py', 'utf-8')).toBe(
      'import dlt\n\npipeline = dlt.pipeline(pipeline_name="weather", destination="warehouse")\n',
    );
    expect(tree.exists('analytics/weather/__init__.py')).toBe(true);
    expect(readToml(tree, 'analytics/.dlt/config.toml').sources.weather.city).toBe('<configure me>');
    expect(readToml(tree, 'analytics/.dlt/secrets.toml').sources.weather.api_key).toBe('<configure me>');
  });
});
