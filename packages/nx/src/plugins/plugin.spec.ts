import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { createNodes, createNodesV2, type DlthubPluginOptions } from './plugin';

describe('createNodesV2 inference', () => {
  let root: string;
  let context: CreateNodesContext;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dlthub-nx-infer-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(relative: string, content: string): void {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), content);
  }

  /** A stand-in `@dlthub/cli` package where npm (or Nx's wrapper, under .nx/installation) puts it. */
  function installCli(base = ''): void {
    write(`${base}node_modules/@dlthub/cli/package.json`, '{"name":"@dlthub/cli","bin":{"dlthub":"bin/dlthub.js"}}');
    write(`${base}node_modules/@dlthub/cli/bin/dlthub.js`, '');
  }

  async function infer(markers: string[], options?: DlthubPluginOptions) {
    const [glob, fn] = createNodesV2;
    expect(glob).toBe('**/.dlt/.workspace');
    return fn(markers, options, context);
  }

  /** The one inferred result for one marker file. */
  async function inferOne(marker: string, options?: DlthubPluginOptions) {
    const [result, ...others] = await infer([marker], options);
    expect(others).toEqual([]);
    if (!result) throw new Error(`nothing inferred for ${marker}`);
    return result;
  }

  it('exports the same value as createNodes and createNodesV2', () => {
    expect(createNodes).toBe(createNodesV2);
  });

  it('calls the CLI installed in the repository, else the one of Nx wrapper mode', async () => {
    write('ws/.dlt/.workspace', '');
    installCli('.nx/installation/');
    const [, wrapped] = await inferOne('ws/.dlt/.workspace');
    expect(wrapped.projects?.ws?.targets?.['dlthub-info']?.options.command).toBe(
      'node ../.nx/installation/node_modules/@dlthub/cli/bin/dlthub.js local info',
    );
    installCli();
    const [, installed] = await inferOne('ws/.dlt/.workspace');
    expect(installed.projects?.ws?.targets?.['dlthub-info']?.options.command).toBe(
      'node ../node_modules/@dlthub/cli/bin/dlthub.js local info',
    );
  });

  const CONFIG_TARGETS = ['dlthub-info', 'dlthub-validate', 'dlthub-validate-synced', 'dlthub-sync', 'deploy'];

  it('names the project from [workspace.settings] name and runs the CLI in the workspace dir', async () => {
    installCli();
    write('apps/analytics/.dlt/.workspace', '');
    write('apps/analytics/.dlt/config.toml', '# my settings\n[workspace.settings]\nname = "sales_lake"\n');
    const [file, result] = await inferOne('apps/analytics/.dlt/.workspace');
    expect(file).toBe('apps/analytics/.dlt/.workspace');
    const project = result.projects?.['apps/analytics'];
    expect(project?.name).toBe('sales_lake');
    expect(Object.keys(project?.targets ?? {})).toEqual(CONFIG_TARGETS);
    const info = project?.targets?.['dlthub-info'];
    expect(info).toMatchObject({ executor: 'nx:run-commands', options: { cwd: 'apps/analytics' } });
    // The CLI's own bin script, relative to the project dir: no PATH needed (wrapper mode), no absolute path.
    expect(info?.options.command).toBe('node ../../node_modules/@dlthub/cli/bin/dlthub.js local info');
    expect(project?.targets?.['dlthub-validate']?.options.command).toMatch(/dlthub\.js config validate$/);
    expect(project?.targets?.['dlthub-validate-synced']?.options.command).toMatch(/config validate --synced$/);
  });

  it('caches no target that reads the configuration, and sync and deploy depend on validating the synced profiles', async () => {
    write('ws/.dlt/.workspace', '');
    const [, result] = await inferOne('ws/.dlt/.workspace');
    const targets = result.projects?.ws?.targets ?? {};
    for (const name of CONFIG_TARGETS) expect(targets[name]?.cache).toBe(false);
    expect(targets['dlthub-sync']?.dependsOn).toEqual(['dlthub-validate-synced']);
    expect(targets.deploy?.dependsOn).toEqual(['dlthub-validate-synced']);
  });

  it('names the project as the CLI does when the name is set in the dev profile only', async () => {
    write('ws/.dlt/.workspace', '');
    write('ws/.dlt/dev.config.toml', '[workspace.settings]\nname = "dev_named"\n');
    const [, result] = await inferOne('ws/.dlt/.workspace');
    expect(result.projects?.ws?.name).toBe('dev_named');
  });

  it('infers install, run-<pipeline>, test and lint from the Python files present', async () => {
    write('ws/.dlt/.workspace', '');
    write(
      'ws/pyproject.toml',
      '[project]\nname = "ws"\ndependencies = ["dlt>=1.0"]\n[dependency-groups]\ndev = ["ruff>=0.6", "pytest"]\n',
    );
    write('ws/github_pipeline.py', 'import dlt\n');
    write('ws/rest_api_pipeline.py', 'import dlt\n');
    write('ws/helpers.py', '');
    write('ws/tests/test_github.py', 'def test_x(): pass\n');
    const [, result] = await inferOne('ws/.dlt/.workspace');
    const targets = result.projects?.ws?.targets ?? {};
    expect(Object.keys(targets)).toEqual([...CONFIG_TARGETS, 'install', 'run-github', 'run-rest_api', 'test', 'lint']);
    expect(targets.install).toMatchObject({ cache: false, options: { cwd: 'ws' } });
    expect(targets.install?.options.command).toMatch(/python\/task\.js install$/);
    expect(targets['run-github']).toMatchObject({
      cache: false,
      dependsOn: ['install'],
      options: { cwd: 'ws', env: { WORKSPACE__PROFILE: 'dev' } },
    });
    expect(targets['run-github']?.options.command).toMatch(/task\.js run github_pipeline\.py$/);
    expect(targets.test).toMatchObject({ cache: false, options: { env: { WORKSPACE__PROFILE: 'tests' } } });
    expect(targets.lint).toMatchObject({ cache: true, dependsOn: ['install'], outputs: [] });
    expect(targets.lint?.inputs).toContainEqual({ externalDependencies: [] });
    expect(targets.lint?.inputs).toContain('{projectRoot}/**/*.py');
  });

  it('leaves out test and lint without tests or ruff, and install without dependency files', async () => {
    write('a/.dlt/.workspace', '');
    write('a/requirements.txt', 'dlt[duckdb]>=1.0\nruffle==1\n');
    write('b/.dlt/.workspace', '');
    const [, a] = await inferOne('a/.dlt/.workspace');
    const [, b] = await inferOne('b/.dlt/.workspace');
    expect(Object.keys(a.projects?.a?.targets ?? {})).toEqual([...CONFIG_TARGETS, 'install']);
    expect(a.projects?.a?.targets?.install?.metadata?.description).toMatch(/requirements\.txt/);
    expect(Object.keys(b.projects?.b?.targets ?? {})).toEqual(CONFIG_TARGETS);
  });

  it('falls back to the folder name without config.toml, without a name, or with malformed TOML', async () => {
    write('a/.dlt/.workspace', '');
    write('b/.dlt/.workspace', '');
    write('b/.dlt/config.toml', '[runtime]\nlog_level = "INFO"\n');
    write('c/.dlt/.workspace', '');
    write('c/.dlt/config.toml', '[workspace.settings\nname = "broken"\n');
    const results = await infer(['a/.dlt/.workspace', 'b/.dlt/.workspace', 'c/.dlt/.workspace']);
    expect(results.map(([, result]) => Object.values(result.projects ?? {})[0]?.name)).toEqual(['a', 'b', 'c']);
  });

  it('puts a workspace at the repository root on project root "."', async () => {
    installCli();
    write('.dlt/.workspace', '');
    write('.dlt/config.toml', '[workspace.settings]\nname = "root_ws"\n');
    const [, result] = await inferOne('.dlt/.workspace');
    expect(result.projects?.['.']?.name).toBe('root_ws');
    expect(result.projects?.['.']?.targets?.['dlthub-info']?.options.cwd).toBe('.');
    expect(result.projects?.['.']?.targets?.['dlthub-info']?.options.command).toMatch(/^node \.\/node_modules\//);
  });

  it('renames and disables targets through options', async () => {
    write('ws/.dlt/.workspace', '');
    write('ws/requirements.txt', 'dlt\n');
    write('ws/x_pipeline.py', '');
    const [, result] = await inferOne('ws/.dlt/.workspace', {
      infoTargetName: 'info',
      validateTargetName: false,
      validateSyncedTargetName: false,
      syncTargetName: 'upload',
      deployTargetName: false,
      installTargetName: 'py-install',
      runTargetPrefix: 'pipeline-',
    });
    const targets = result.projects?.ws?.targets ?? {};
    expect(Object.keys(targets)).toEqual(['info', 'upload', 'py-install', 'pipeline-x']);
    expect(targets.upload?.dependsOn).toBeUndefined();
    expect(targets['pipeline-x']?.dependsOn).toEqual(['py-install']);
  });

  it('rejects an empty target name with a message naming the option', async () => {
    write('ws/.dlt/.workspace', '');
    await expect(infer(['ws/.dlt/.workspace'], { syncTargetName: '' })).rejects.toThrow(
      /plugin option "syncTargetName" in nx.json must be a non-empty target name or false/,
    );
  });

  it('names workspaces that share a name by their root, so the graph still builds', async () => {
    for (const root of ['gen/sales', 'cli/sales', 'other']) {
      write(`${root}/.dlt/.workspace`, '');
      write(`${root}/.dlt/config.toml`, `[workspace.settings]\nname = "${root === 'other' ? 'other_ws' : 'sales'}"\n`);
    }
    const results = await infer(['gen/sales/.dlt/.workspace', 'cli/sales/.dlt/.workspace', 'other/.dlt/.workspace']);
    expect(results.map(([, result]) => Object.values(result.projects ?? {})[0]?.name)).toEqual([
      'gen/sales',
      'cli/sales',
      'other_ws',
    ]);
  });
});
