import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceTree } from './__fixtures__/tree';
import { DlthubError } from './errors';
import { openWorkspace } from './workspace';

describe('openWorkspace: detection and layout', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const setup = (files: Record<string, string> = {}, options: { marker?: boolean } = {}) => {
    const fixture = workspaceTree(files, options);
    cleanups.push(fixture.tree.cleanup);
    return fixture;
  };

  it('is a workspace when <cwd>/.dlt/.workspace is a regular file, with dev state and data dirs', () => {
    const { root, globalDir } = setup();
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir });
    expect(workspace.mode).toBe('workspace');
    expect(workspace.profile).toBe('dev');
    expect(workspace.profileSource).toBe('default');
    expect(workspace.settingsDir).toBe(path.join(root, '.dlt'));
    expect(workspace.dataDir).toBe(path.join(root, '.dlt', 'state', 'dev'));
    expect(workspace.localDir).toBe(path.join(root, '.dlt', 'data', 'dev'));
    expect(workspace.name).toBe('ws');
    expect(workspace.providerNames).toEqual(['Environment Variables', 'secrets.toml', 'config.toml']);
  });

  it('lists the active files in precedence order with display paths', () => {
    const { root, globalDir } = setup({ 'ws/.dlt/config.toml': 'a = 1\n' });
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir, profile: 'prod' });
    expect(
      workspace.files.map((file) => [file.displayPath, file.family, file.location, file.profile, file.exists]),
    ).toEqual([
      ['.dlt/prod.config.toml', 'config', 'project', 'prod', false],
      ['.dlt/config.toml', 'config', 'project', null, true],
      [path.join(globalDir, 'prod.config.toml'), 'config', 'global', 'prod', false],
      [path.join(globalDir, 'config.toml'), 'config', 'global', null, false],
      ['.dlt/prod.secrets.toml', 'secrets', 'project', 'prod', false],
      ['.dlt/secrets.toml', 'secrets', 'project', null, false],
      [path.join(globalDir, 'prod.secrets.toml'), 'secrets', 'global', 'prod', false],
      [path.join(globalDir, 'secrets.toml'), 'secrets', 'global', null, false],
    ]);
  });

  it('does not search upwards: a subfolder of a workspace is not a workspace', () => {
    const { root, globalDir } = setup({ 'ws/sub/keep': '' });
    const workspace = openWorkspace({ cwd: path.join(root, 'sub'), env: {}, globalDir });
    expect(workspace.mode).toBe('classic');
    expect(workspace.profile).toBeNull();
  });

  it('needs the marker to be a file: a .workspace directory does not count', () => {
    const { root, globalDir } = setup({}, { marker: false });
    fs.mkdirSync(path.join(root, '.dlt', '.workspace'), { recursive: true });
    expect(openWorkspace({ cwd: root, env: {}, globalDir }).mode).toBe('classic');
  });

  it('classic mode reads only the base files, ignores WORKSPACE__PROFILE and the pin', () => {
    const { root, globalDir } = setup(
      {
        'ws/.dlt/config.toml': '[s]\nmode = "base"\n',
        'ws/.dlt/dev.config.toml': '[s]\nmode = "dev"\nextra = 1\n',
        'ws/.dlt/prod.config.toml': '[s]\nmode = "prod"\n',
        'ws/.dlt/profile-name': 'prod',
        'global/config.toml': '[s]\nglobal = true\n',
      },
      { marker: false },
    );
    const workspace = openWorkspace({ cwd: root, env: { WORKSPACE__PROFILE: 'prod' }, globalDir });
    expect(workspace.mode).toBe('classic');
    expect(workspace.profile).toBeNull();
    expect(workspace.pinnedProfile).toBeNull();
    expect(workspace.get('s.mode').value).toBe('base');
    expect(workspace.get('s.extra').found).toBe(false);
    expect(workspace.get('s.global').value).toBe(true);
    expect(workspace.files.map((file) => path.basename(file.path))).toEqual([
      'config.toml',
      'config.toml',
      'secrets.toml',
      'secrets.toml',
    ]);
  });

  it("classic mode with an explicit profile fails with dlt's message and the fix", () => {
    const { root, globalDir } = setup({}, { marker: false });
    let error: unknown;
    try {
      openWorkspace({ cwd: root, env: {}, globalDir, profile: 'dev' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect((error as DlthubError).code).toBe('WorkspaceNotFound');
    expect((error as DlthubError).message).toBe(
      `Workspace could not be found in \`ws\` (\`${root}\`). To enable workspace, create an empty file with the name \`.workspace\` in \`.dlt\` settings folder.`,
    );
    expect((error as DlthubError).hint).toContain('touch .dlt/.workspace');
  });

  it('DLT_CONFIG_FOLDER renames the settings folder; DLT_PROJECT_DIR moves the run dir after detection', () => {
    const { tree, root, globalDir } = setup(
      {
        'ws/settings/.workspace': '',
        'ws/settings/config.toml': 'a = "moved"\n',
        'other/settings/config.toml': 'a = "project"\n',
      },
      { marker: false },
    );
    const renamed = openWorkspace({ cwd: root, env: { DLT_CONFIG_FOLDER: 'settings' }, globalDir });
    expect(renamed.mode).toBe('workspace');
    expect(renamed.settingsDir).toBe(path.join(root, 'settings'));
    expect(renamed.get('a').value).toBe('moved');
    const moved = openWorkspace({
      cwd: root,
      env: { DLT_CONFIG_FOLDER: 'settings', DLT_PROJECT_DIR: '../other' },
      globalDir,
    });
    expect(moved.rootDir).toBe(tree.path('other'));
    expect(moved.name).toBe('other');
    expect(moved.get('a').value).toBe('project');
  });

  it('accepts an absolute DLT_CONFIG_FOLDER', () => {
    const { tree, root, globalDir } = setup(
      { 'elsewhere/.workspace': '', 'elsewhere/config.toml': 'a = "abs"\n' },
      { marker: false },
    );
    const workspace = openWorkspace({ cwd: root, env: { DLT_CONFIG_FOLDER: tree.path('elsewhere') }, globalDir });
    expect(workspace.mode).toBe('workspace');
    expect(workspace.settingsDir).toBe(tree.path('elsewhere'));
    expect(workspace.get('a')).toMatchObject({ value: 'abs', file: '../elsewhere/config.toml' });
  });

  it('names the workspace from [workspace.settings] name, else the folder; an empty env value falls back', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/config.toml': 'name = "top-level-does-not-count"\n[workspace.settings]\nname = "acme"\n',
    });
    expect(openWorkspace({ cwd: root, env: {}, globalDir }).name).toBe('acme');
    expect(openWorkspace({ cwd: root, env: { WORKSPACE__SETTINGS__NAME: 'from-env' }, globalDir }).name).toBe(
      'from-env',
    );
    expect(openWorkspace({ cwd: root, env: { WORKSPACE__SETTINGS__NAME: '' }, globalDir }).name).toBe('ws');
  });

  it('honours working_dir / local_dir settings (not suffixed by profile) and DLT_DATA_DIR / DLT_LOCAL_DIR', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/config.toml': '[workspace.settings]\nworking_dir = "_work"\nlocal_dir = "_local"\n',
    });
    const configured = openWorkspace({ cwd: root, env: {}, globalDir, profile: 'prod' });
    expect(configured.dataDir).toBe(path.join(root, '_work'));
    expect(configured.localDir).toBe(path.join(root, '_local'));
    const fromEnv = openWorkspace({ cwd: root, env: { DLT_DATA_DIR: '/tmp/x-data', DLT_LOCAL_DIR: 'rel' }, globalDir });
    expect(fromEnv.dataDir).toBe('/tmp/x-data');
    expect(fromEnv.localDir).toBe(path.join(root, 'rel'));
  });

  it('opening reads only: it creates no state or data folders', () => {
    const { tree, root, globalDir } = setup({ 'ws/.dlt/config.toml': '[runtime]\nlog_level = "INFO"\n' });
    const before = tree.snapshot();
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir });
    workspace.runtime();
    expect(tree.snapshot()).toEqual(before);
  });

  it('uses DLTHUB_GLOBAL_DIR when no global dir is passed', () => {
    const { root, globalDir } = setup({ 'global/secrets.toml': 'token = "t"\n' });
    const workspace = openWorkspace({ cwd: root, env: { DLTHUB_GLOBAL_DIR: globalDir } });
    expect(workspace.globalDir).toBe(globalDir);
    expect(workspace.getSecret('token')).toMatchObject({
      value: 't',
      provider: 'secrets.toml',
      file: path.join(globalDir, 'secrets.toml'),
      line: 1,
    });
  });
});
