import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { openWorkspace } from '@dlthub/config-core';
import { FsTree } from 'nx/src/generators/tree';
import { createNodesV2 } from '../plugins/plugin';
import { listDltWorkspaces, workspaceNameInTree } from './workspace-projects';

/**
 * One name per workspace: what the generators call a workspace (`--workspace`, clash checks), what
 * inference names its Nx project, and what the CLI reports (`dlthub local info --json` prints
 * `openWorkspace(...).name`) agree when the name is set in a profile file.
 */
describe('workspace names in generators, inference and the CLI', () => {
  let repo: string;
  let globalDir: string;
  const savedGlobalDir = process.env.DLTHUB_GLOBAL_DIR;

  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'dlthub-nx-names-'));
    repo = join(base, 'repo');
    globalDir = join(base, 'global');
    mkdirSync(globalDir, { recursive: true });
    process.env.DLTHUB_GLOBAL_DIR = globalDir;
  });
  afterEach(() => {
    rmSync(dirname(repo), { recursive: true, force: true });
    if (savedGlobalDir === undefined) delete process.env.DLTHUB_GLOBAL_DIR;
    else process.env.DLTHUB_GLOBAL_DIR = savedGlobalDir;
  });

  function write(relative: string, content: string): void {
    mkdirSync(dirname(join(repo, relative)), { recursive: true });
    writeFileSync(join(repo, relative), content);
  }

  async function inferredName(root: string): Promise<string | undefined> {
    const [, infer] = createNodesV2;
    const [result] = await infer([`${root}/.dlt/.workspace`], {}, { workspaceRoot: repo, nxJsonConfiguration: {} });
    return result?.[1].projects?.[root]?.name;
  }

  const cliName = (root: string) =>
    openWorkspace({ cwd: join(repo, root), env: { DLTHUB_GLOBAL_DIR: globalDir } }).name;

  it('the dev profile file names the workspace over config.toml, for all three', async () => {
    write('shop/.dlt/.workspace', '');
    write('shop/.dlt/config.toml', '[workspace.settings]\nname = "shop"\n');
    write('shop/.dlt/dev.config.toml', '[workspace.settings]\nname = "analytics"\n');
    const tree = new FsTree(repo, false);

    expect(cliName('shop')).toBe('analytics');
    expect(await inferredName('shop')).toBe('analytics');
    expect(workspaceNameInTree(tree, 'shop')).toBe('analytics');
    expect(await listDltWorkspaces(tree)).toEqual([{ name: 'analytics', root: 'shop' }]);
  });

  it('the pinned profile decides which profile file names it', async () => {
    write('shop/.dlt/.workspace', '');
    write('shop/.dlt/config.toml', '[workspace.settings]\nname = "shop"\n');
    write('shop/.dlt/dev.config.toml', '[workspace.settings]\nname = "analytics"\n');
    write('shop/.dlt/prod.secrets.toml', '[workspace.settings]\nname = "shop_prod"\n');
    write('shop/.dlt/profile-name', 'prod\n');
    const tree = new FsTree(repo, false);

    expect(cliName('shop')).toBe('shop_prod');
    expect(await inferredName('shop')).toBe('shop_prod');
    expect(workspaceNameInTree(tree, 'shop')).toBe('shop_prod');
  });

  it('reads a virtual tree, so a name written earlier in the same generator run counts', () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('shop/.dlt/.workspace', '');
    tree.write('shop/.dlt/config.toml', '[workspace.settings]\nname = "store"\n');
    expect(workspaceNameInTree(tree, 'shop')).toBe('store');
    tree.write('shop/.dlt/dev.config.toml', '[workspace.settings]\nname = "analytics"\n');
    expect(workspaceNameInTree(tree, 'shop')).toBe('analytics');
    // A malformed file falls back to the folder name, as inference does (config validate reports it).
    tree.write('shop/.dlt/dev.config.toml', '[workspace.settings\nname = ');
    expect(workspaceNameInTree(tree, 'shop')).toBe('shop');
  });
});
