import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateDependenciesContext, ProjectConfiguration } from '@nx/devkit';
import { createDependencies, importedModules, WORKSPACE_TAG } from './dependencies';

describe('createDependencies', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dlthub-nx-deps-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(relative: string, content: string): void {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), content);
  }

  /** A graph context as Nx builds it: projects, their files, npm nodes. */
  function context(
    projects: Record<string, Partial<ProjectConfiguration> & { root: string; files?: string[] }>,
    externalNodes: string[] = [],
  ): CreateDependenciesContext {
    return {
      workspaceRoot: root,
      nxJsonConfiguration: {},
      projects: Object.fromEntries(
        Object.entries(projects).map(([name, { files: _files, ...project }]) => [name, { name, ...project }]),
      ),
      externalNodes: Object.fromEntries(
        externalNodes.map((pkg) => [
          `npm:${pkg}`,
          { name: `npm:${pkg}`, type: 'npm', data: { packageName: pkg, version: '1.0.0' } },
        ]),
      ),
      fileMap: {
        nonProjectFiles: [],
        projectFileMap: Object.fromEntries(
          Object.entries(projects).map(([name, { files = [] }]) => [name, files.map((file) => ({ file, hash: '1' }))]),
        ),
      },
      filesToProcess: { nonProjectFiles: [], projectFileMap: {} },
    };
  }

  it('links every workspace to the plugin packages of dlthub.plugins: a local project or an npm node', async () => {
    write(
      'package.json',
      JSON.stringify({ dlthub: { plugins: ['./packages/destinations/clickhouse', '@acme/profiles', 'absent'] } }),
    );
    write('packages/destinations/clickhouse/package.json', JSON.stringify({ name: '@acme/destination-clickhouse' }));
    const edges = await createDependencies(
      {},
      context(
        {
          analytics: { root: 'analytics', tags: [WORKSPACE_TAG] },
          sales: { root: 'teams/sales', tags: [WORKSPACE_TAG] },
          '@acme/destination-clickhouse': { root: 'packages/destinations/clickhouse' },
          unrelated: { root: 'libs/unrelated' },
        },
        ['@acme/profiles'],
      ),
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        { source: 'analytics', target: '@acme/destination-clickhouse', type: 'implicit' },
        { source: 'analytics', target: 'npm:@acme/profiles', type: 'implicit' },
        { source: 'sales', target: '@acme/destination-clickhouse', type: 'implicit' },
        { source: 'sales', target: 'npm:@acme/profiles', type: 'implicit' },
      ]),
    );
    expect(edges).toHaveLength(4);
  });

  it('a package listed by name resolves to the project that holds it', async () => {
    write('package.json', JSON.stringify({ dlthub: { plugins: ['@acme/destination-clickhouse'] } }));
    write('libs/ch/package.json', JSON.stringify({ name: '@acme/destination-clickhouse' }));
    const edges = await createDependencies(
      {},
      context({ ws: { root: 'ws', tags: [WORKSPACE_TAG] }, ch: { root: 'libs/ch' } }),
    );
    expect(edges).toEqual([{ source: 'ws', target: 'ch', type: 'implicit' }]);
  });

  it('links a workspace to another whose Python package it imports', async () => {
    write('shared/pyproject.toml', '[project]\nname = "shared-helpers"\n');
    write('shared/shared_helpers/__init__.py', '');
    write('shared/common/__init__.py', '');
    write('sales/github_pipeline.py', 'import dlt\nfrom shared_helpers.http import client\n');
    write('sales/tools.py', 'import os, common.dates\n');
    write('other/x_pipeline.py', 'import dlt\n');
    const edges = await createDependencies(
      {},
      context({
        shared: {
          root: 'shared',
          tags: [WORKSPACE_TAG],
          files: ['shared/pyproject.toml', 'shared/shared_helpers/__init__.py', 'shared/common/__init__.py'],
        },
        sales: { root: 'sales', tags: [WORKSPACE_TAG], files: ['sales/github_pipeline.py', 'sales/tools.py'] },
        other: { root: 'other', tags: [WORKSPACE_TAG], files: ['other/x_pipeline.py'] },
      }),
    );
    expect(edges).toEqual([
      { source: 'sales', target: 'shared', sourceFile: 'sales/github_pipeline.py', type: 'static' },
      { source: 'sales', target: 'shared', sourceFile: 'sales/tools.py', type: 'static' },
    ]);
  });

  it('reads top-level module names from import statements', () => {
    expect([
      ...importedModules('import a.b, c\nfrom d.e import f\n  from g import (h)\n# import no\nx = "import y"\n'),
    ]).toEqual(['a', 'c', 'd', 'g']);
  });
});
