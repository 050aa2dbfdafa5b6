import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { workspaceTree, caughtDlthubError } from '../__fixtures__/tree';
import { openWorkspace } from '../workspace';

describe('TOML families: the four-file merge', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const setup = (files: Record<string, string | Buffer>) => {
    const fixture = workspaceTree(files);
    cleanups.push(fixture.tree.cleanup);
    return fixture;
  };

  it('project profile > project base > global profile > global base; tables merge, arrays replace', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/dev.config.toml': '[s]\nrepos = ["sandbox"]\n[s.filters]\nstate = "all"\n',
      'ws/.dlt/config.toml': '[s]\nrepos = ["a", "b"]\nowner = "hub"\n[s.filters]\nstate = "open"\nlabels = ["bug"]\n',
      'global/dev.config.toml': '[s]\nowner = "global-dev"\nregion = "eu"\n',
      'global/config.toml': '[s]\nregion = "us"\ntimezone = "UTC"\n',
    });
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir });
    expect(workspace.get('s.repos')).toMatchObject({ value: ['sandbox'], file: '.dlt/dev.config.toml', line: 2 });
    expect(workspace.get('s.owner')).toMatchObject({ value: 'hub', file: '.dlt/config.toml', line: 3 });
    expect(workspace.get('s.region')).toMatchObject({
      value: 'eu',
      file: path.join(globalDir, 'dev.config.toml'),
      line: 3,
    });
    expect(workspace.get('s.timezone')).toMatchObject({ value: 'UTC', file: path.join(globalDir, 'config.toml') });
    expect(workspace.get('s.filters').value).toEqual({ state: 'all', labels: ['bug'] });
  });

  it('a scalar in an earlier file replaces a table of a later one wholesale (and vice versa)', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/dev.secrets.toml': '[destination.w]\ncredentials = "postgresql://u:p@h/db"\n[x]\nt = { a = 1 }\n',
      'ws/.dlt/secrets.toml': '[destination.w.credentials]\nhost = "base"\n[x]\nt = "scalar"\n',
    });
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir });
    expect(workspace.getSecret('destination.w.credentials').value).toBe('postgresql://u:p@h/db');
    expect(workspace.getSecret('destination.w.credentials.host').found).toBe(false);
    expect(workspace.getSecret('x.t').value).toEqual({ a: 1 });
  });

  it('treats a "__proto__" key as an ordinary key when merging', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/dev.config.toml': '[a]\n"__proto__" = { polluted = true }\nx = 1\n',
      'ws/.dlt/config.toml': '"__proto__" = "top"\n[a]\ny = 2\n',
    });
    const workspace = openWorkspace({ cwd: root, env: {}, globalDir });
    expect(workspace.get('a.__proto__.polluted')).toMatchObject({ value: true, file: '.dlt/dev.config.toml' });
    expect(workspace.get('__proto__').value).toBe('top');
    expect(workspace.get('a.y').value).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads only the active profile's files: a broken file of another profile is never parsed", () => {
    const { root, globalDir } = setup({ 'ws/.dlt/prod.config.toml': '[broken\n', 'ws/.dlt/config.toml': 'a = 1\n' });
    expect(openWorkspace({ cwd: root, env: {}, globalDir }).get('a').value).toBe(1);
  });

  it('merged view keeps provenance per leaf, secrets first', () => {
    const { root, globalDir } = setup({
      'ws/.dlt/config.toml': '[runtime]\nlog_level = "INFO"\n\n[destination.w]\nhost = "cfg"\n',
      'ws/.dlt/secrets.toml': '[destination.w]\nhost = "sec"\npassword = "pw"\n',
    });
    const view = openWorkspace({ cwd: root, env: {}, globalDir }).mergedView();
    expect(view).toEqual({
      kind: 'table',
      entries: {
        destination: {
          kind: 'table',
          entries: {
            w: {
              kind: 'table',
              entries: {
                host: {
                  kind: 'value',
                  value: 'sec',
                  file: '.dlt/secrets.toml',
                  line: 2,
                  family: 'secrets',
                  secret: true,
                },
                password: {
                  kind: 'value',
                  value: 'pw',
                  file: '.dlt/secrets.toml',
                  line: 3,
                  family: 'secrets',
                  secret: true,
                },
              },
            },
          },
        },
        runtime: {
          kind: 'table',
          entries: {
            log_level: {
              kind: 'value',
              value: 'INFO',
              file: '.dlt/config.toml',
              line: 2,
              family: 'config',
              secret: false,
            },
          },
        },
      },
    });
  });
});

describe('TOML families: bad input gives typed errors naming the file, and writes nothing', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  const files = [
    ['ws/.dlt/dev.config.toml', '.dlt/dev.config.toml', 'config.toml'],
    ['ws/.dlt/config.toml', '.dlt/config.toml', 'config.toml'],
    ['global/dev.secrets.toml', 'GLOBAL/dev.secrets.toml', 'secrets.toml'],
    ['global/secrets.toml', 'GLOBAL/secrets.toml', 'secrets.toml'],
  ] as const;

  it.each(files)('invalid TOML in %s names the file, line, column and family', (file, shown, provider) => {
    const { tree, root, globalDir } = workspaceTree({ [file]: '# comment\n[ok]\nmode = "unterminated\n' });
    cleanups.push(tree.cleanup);
    const before = tree.snapshot();
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    const display = shown.replace('GLOBAL', globalDir);
    expect(error.code).toBe('TomlProviderRead');
    expect(error.provider).toBe(provider);
    expect(error.location).toEqual({ file: display, line: 3, column: 21 });
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot read ${provider.replace('.', '\\.')} file ${display.replace(/[.]/g, '\\.')}:3:21: invalid TOML: `,
      ),
    );
    expect(error.hint).toBe(`Fix the syntax at ${display}:3:21.`);
    expect(tree.snapshot()).toEqual(before);
  });

  it('duplicate keys count as invalid TOML', () => {
    const { tree, root, globalDir } = workspaceTree({ 'ws/.dlt/secrets.toml': 'a = 1\na = 2\n' });
    cleanups.push(tree.cleanup);
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    expect(error).toMatchObject({
      code: 'TomlProviderRead',
      provider: 'secrets.toml',
      location: { file: '.dlt/secrets.toml', line: 2 },
    });
  });

  it('a file that is not UTF-8 is named with the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a = 1\nb = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]);
    const { tree, root, globalDir } = workspaceTree({ 'ws/.dlt/config.toml': bytes });
    cleanups.push(tree.cleanup);
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    expect(error).toMatchObject({
      code: 'TomlProviderRead',
      provider: 'config.toml',
      location: { file: '.dlt/config.toml', line: 2, column: 6 },
    });
    expect(error.message).toContain('not valid UTF-8');
  });

  it('a directory where a file is expected is named', () => {
    const { tree, root, globalDir } = workspaceTree();
    cleanups.push(tree.cleanup);
    fs.mkdirSync(path.join(root, '.dlt', 'secrets.toml'));
    const before = tree.snapshot();
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    expect(error).toMatchObject({
      code: 'TomlProviderRead',
      provider: 'secrets.toml',
      location: { file: '.dlt/secrets.toml' },
    });
    expect(error.message).toContain('is a directory');
    expect(tree.snapshot()).toEqual(before);
  });

  it('an unreadable file: a dangling symlink is named, not silently skipped', () => {
    const { tree, root, globalDir } = workspaceTree();
    cleanups.push(tree.cleanup);
    fs.symlinkSync(path.join(root, 'nowhere.toml'), path.join(root, '.dlt', 'dev.config.toml'));
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    expect(error).toMatchObject({
      code: 'TomlProviderRead',
      provider: 'config.toml',
      location: { file: '.dlt/dev.config.toml' },
    });
    expect(error.message).toContain('cannot be reached (ENOENT)');
  });

  it('an unreadable file: a FIFO is refused instead of blocking the read', () => {
    const { tree, root, globalDir } = workspaceTree();
    cleanups.push(tree.cleanup);
    execFileSync('mkfifo', [path.join(globalDir, 'config.toml')]);
    const error = caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir }));
    expect(error).toMatchObject({ code: 'TomlProviderRead', location: { file: path.join(globalDir, 'config.toml') } });
    expect(error.message).toContain('not a regular file');
  });

  it('an unreadable file: a permission error is named (checked as a non-root user when running as root)', () => {
    const { tree, root, globalDir } = workspaceTree({ 'ws/.dlt/config.toml': 'a = 1\n' });
    cleanups.push(tree.cleanup);
    const file = path.join(root, '.dlt', 'config.toml');
    fs.chmodSync(file, 0o000);
    // Root ignores file modes, so as root the read runs with the effective uid/gid of `nobody` (65534),
    // in this process and on the sources: nothing here depends on built output or on the checkout's permissions.
    const isRoot = process.getuid?.() === 0;
    if (isRoot) fs.chmodSync(tree.dir, 0o755);
    const result = asNobodyWhenRoot(() => caughtDlthubError(() => openWorkspace({ cwd: root, env: {}, globalDir })));
    expect(result.code).toBe('TomlProviderRead');
    expect(result.location).toEqual({ file: '.dlt/config.toml' });
    expect(result.message).toContain('cannot be read (EACCES)');
  });
});

/** Runs `read` with effective uid/gid 65534 when this process is root (so file modes apply), restoring them after. */
function asNobodyWhenRoot<T>(read: () => T): T {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return read();
  process.setegid(65534);
  process.seteuid(65534);
  try {
    return read();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}
