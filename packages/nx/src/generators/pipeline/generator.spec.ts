import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { parseToml } from '@dlthub/config-core/toml';
import {
  createEmptyTree,
  createTsSolutionTree,
  diffSnapshots,
  expectFailureWritesNothing,
  snapshotTree,
} from '../../testing/tree-snapshot';
import { workspaceGenerator } from '../workspace/generator';
import { pipelineGenerator } from './generator';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

describe('pipeline generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createEmptyTree();
    await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev' });
  });

  it('writes <source>_pipeline.py and the placeholders into the workspace-scoped files', async () => {
    const configBefore = tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '';
    const before = snapshotTree(tree);
    await pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' });
    const changed = diffSnapshots(before, snapshotTree(tree));
    expect(changed).toContain('analytics/rest_api_pipeline.py');
    expect(
      changed.every((path) =>
        ['analytics/rest_api_pipeline.py', 'analytics/.dlt/config.toml', 'analytics/.dlt/secrets.toml'].includes(path),
      ),
    ).toBe(true);
    expect(tree.read('analytics/rest_api_pipeline.py', 'utf-8')).toMatch(/warehouse/);
    // The existing config.toml keeps every byte it had; new keys only come after.
    expect((tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '').startsWith(configBefore.trimEnd())).toBe(true);
    expect(() => parse(tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '')).not.toThrow();
  });

  it('accepts a destination type and writes its required keys', async () => {
    await pipelineGenerator(tree, { source: 'my_source', destination: 'postgres', workspace: 'analytics' });
    expect(tree.exists('analytics/my_source_pipeline.py')).toBe(true);
    const secrets = parse(tree.read('analytics/.dlt/secrets.toml', 'utf-8') ?? '') as any;
    expect(secrets.destination.postgres.credentials).toBeDefined();
  });

  it('works on a TS-solution workspace', async () => {
    const tsTree = createTsSolutionTree();
    await workspaceGenerator(tsTree, { name: 'analytics', profiles: 'dev' });
    await pipelineGenerator(tsTree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' });
    await pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' });
    expect(tsTree.read('analytics/rest_api_pipeline.py', 'utf-8')).toBe(
      tree.read('analytics/rest_api_pipeline.py', 'utf-8'),
    );
  });

  it('bad options write nothing', async () => {
    await expectFailureWritesNothing(
      tree,
      () => pipelineGenerator(tree, { source: 'rest_api', destination: 'nowhere', workspace: 'analytics' }),
      /Unknown destination "nowhere"/,
    );
    await expectFailureWritesNothing(
      tree,
      () => pipelineGenerator(tree, { source: 'Bad-Name', destination: 'warehouse', workspace: 'analytics' }),
      /Invalid source name/,
    );
    await expectFailureWritesNothing(
      tree,
      () => pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'nope' }),
      /No dltHub workspace project/,
    );
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
    const tree = createEmptyTree();
    await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev' });
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
    expect((parse(tree.read('analytics/.dlt/config.toml', 'utf-8') ?? '') as any).sources.weather.city).toBe(
      '<configure me>',
    );
    expect((parse(tree.read('analytics/.dlt/secrets.toml', 'utf-8') ?? '') as any).sources.weather.api_key).toBe(
      '<configure me>',
    );
  });
});
