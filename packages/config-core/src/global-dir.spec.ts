import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from './__fixtures__/tree';
import { resolveGlobalDir } from './global-dir';

describe('resolveGlobalDir (dlt run_context rule)', () => {
  const tree = tempTree();
  afterAll(() => tree.cleanup());

  it('DLTHUB_GLOBAL_DIR overrides everything', () => {
    expect(resolveGlobalDir({ env: { DLTHUB_GLOBAL_DIR: '/srv/dlt' }, isRoot: true })).toBe('/srv/dlt');
  });

  it('is /var/dlt for root', () => {
    expect(resolveGlobalDir({ env: { HOME: tree.dir }, isRoot: true })).toBe('/var/dlt');
  });

  it('is ~/.dlt when it exists, else $XDG_DATA_HOME/dlt, else ~/.dlt', () => {
    const home = tree.path('home');
    fs.mkdirSync(home);
    expect(resolveGlobalDir({ env: { HOME: home }, isRoot: false })).toBe(path.join(home, '.dlt'));
    expect(resolveGlobalDir({ env: { HOME: home, XDG_DATA_HOME: '/xdg' }, isRoot: false })).toBe('/xdg/dlt');
    fs.mkdirSync(path.join(home, '.dlt'));
    expect(resolveGlobalDir({ env: { HOME: home, XDG_DATA_HOME: '/xdg' }, isRoot: false })).toBe(
      path.join(home, '.dlt'),
    );
    expect(resolveGlobalDir({ env: {}, homeDir: home, isRoot: false })).toBe(path.join(home, '.dlt'));
  });
});
