import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceTree, caughtDlthubError } from './__fixtures__/tree';
import { chooseProfile, pinProfile, profileDescription, readPinnedProfile, unpinProfile } from './profile';
import { createRegistry, definePlugin, defineProfile } from './registry';
import { openWorkspace } from './workspace';

describe('profile choice', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const setup = (files: Record<string, string> = {}) => {
    const fixture = workspaceTree(files);
    cleanups.push(fixture.tree.cleanup);
    return fixture;
  };

  it('explicit > WORKSPACE__PROFILE > pin > default, empty env counting as unset', () => {
    const { root } = setup({ 'ws/.dlt/profile-name': 'prod\n' });
    expect(chooseProfile({ explicit: 'access', env: { WORKSPACE__PROFILE: 'tests' }, rootDir: root })).toEqual({
      profile: 'access',
      source: 'explicit',
      pinned: 'prod',
    });
    expect(chooseProfile({ env: { WORKSPACE__PROFILE: 'tests' }, rootDir: root })).toMatchObject({
      profile: 'tests',
      source: 'env',
    });
    expect(chooseProfile({ env: { WORKSPACE__PROFILE: '' }, rootDir: root })).toMatchObject({
      profile: 'prod',
      source: 'pin',
    });
    fs.unlinkSync(path.join(root, '.dlt', 'profile-name'));
    expect(chooseProfile({ env: {}, rootDir: root })).toEqual({ profile: 'dev', source: 'default', pinned: null });
  });

  it('reads only the first line of the pin, trimmed; a blank first line is no pin', () => {
    const { root } = setup({ 'ws/.dlt/profile-name': '  staging  \nprod\n' });
    expect(readPinnedProfile(root)).toBe('staging');
    fs.writeFileSync(path.join(root, '.dlt', 'profile-name'), '\nprod\n');
    expect(readPinnedProfile(root)).toBeNull();
    fs.writeFileSync(path.join(root, '.dlt', 'profile-name'), '');
    expect(readPinnedProfile(root)).toBeNull();
    expect(openWorkspace({ cwd: root, env: {}, globalDir: root }).profile).toBe('dev');
  });

  it('uses the registry default profile when nothing selects one', () => {
    const { root } = setup();
    const registry = createRegistry([
      definePlugin({
        name: 'p',
        profiles: [
          defineProfile({ name: 'local', scope: 'local', description: 'local', usedBy: 'me', isDefault: true }),
        ],
      }),
    ]);
    expect(openWorkspace({ cwd: root, env: {}, globalDir: root, registry }).profile).toBe('local');
  });

  it('refuses profile names with path characters, naming where they came from, and reads nothing else', () => {
    const { tree, root } = setup({ 'ws/.dlt/profile-name': '../x\n' });
    const pinFile = path.join(root, '.dlt', 'profile-name');
    const before = tree.snapshot();
    const fromPin = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir: root }));
    expect(fromPin.code).toBe('InvalidProfileName');
    expect(fromPin.message).toBe(`Invalid profile name "../x" (the pin file ${pinFile}).`);
    expect(fromPin.location).toEqual({ file: pinFile, line: 1 });
    const fromEnv = caughtDlthubError(() =>
      openWorkspace({ cwd: root, env: { WORKSPACE__PROFILE: 'a/b' }, globalDir: root }),
    );
    expect(fromEnv.message).toContain('WORKSPACE__PROFILE');
    const explicit = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir: root, profile: '' }));
    expect(explicit.message).toContain('--profile');
    expect(tree.snapshot()).toEqual(before);
  });

  it('a broken pin does not matter when an explicit profile wins', () => {
    const { root } = setup({ 'ws/.dlt/profile-name': '../x\n' });
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir: root, profile: 'prod' });
    expect(workspace.profile).toBe('prod');
    expect(workspace.pinnedProfile).toBeNull();
  });

  it('a directory in place of the pin file is a typed error naming it', () => {
    const { root } = setup();
    fs.mkdirSync(path.join(root, '.dlt', 'profile-name'));
    const error = caughtDlthubError(() => readPinnedProfile(root));
    expect(error.code).toBe('FileReadError');
    expect(error.message).toContain(path.join(root, '.dlt', 'profile-name'));
  });
});

describe('pinning', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('pins by writing the bare name (no newline) and unpins by deleting the file', () => {
    const { tree, root } = workspaceTree();
    cleanups.push(tree.cleanup);
    const file = pinProfile(root, 'prod');
    expect(fs.readFileSync(file, 'utf8')).toBe('prod');
    expect(readPinnedProfile(root)).toBe('prod');
    pinProfile(root, 'staging');
    expect(fs.readFileSync(file, 'utf8')).toBe('staging');
    expect(fs.readdirSync(path.join(root, '.dlt')).sort()).toEqual(['.workspace', 'profile-name']);
    expect(unpinProfile(root)).toBe(true);
    expect(unpinProfile(root)).toBe(false);
    expect(readPinnedProfile(root)).toBeNull();
  });

  it('refuses an empty or path-like name and writes nothing', () => {
    const { tree, root } = workspaceTree({ 'ws/.dlt/profile-name': 'prod' });
    cleanups.push(tree.cleanup);
    const before = tree.snapshot();
    expect(caughtDlthubError(() => pinProfile(root, '')).code).toBe('InvalidProfileName');
    expect(caughtDlthubError(() => pinProfile(root, '../x')).code).toBe('InvalidProfileName');
    expect(caughtDlthubError(() => pinProfile(root, 'a b')).code).toBe('InvalidProfileName');
    expect(tree.snapshot()).toEqual(before);
  });
});

describe('profile descriptions', () => {
  it('comes from the registry (the built-ins are @dlthub/profiles\' own), "custom profile" for any other name', () => {
    expect(profileDescription('dev')).toBe('custom profile');
    expect(profileDescription('staging')).toBe('custom profile');
    const registry = createRegistry([
      definePlugin({
        name: 'p',
        profiles: [defineProfile({ name: 'staging', scope: 'synced', description: 'pre-production', usedBy: 'ci' })],
      }),
    ]);
    expect(profileDescription('prod', registry)).toBe('custom profile');
    expect(profileDescription('staging', registry)).toBe('pre-production');
  });
});
