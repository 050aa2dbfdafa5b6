import * as path from 'node:path';
import { workspaceTree } from './__fixtures__/tree';
import { DlthubError } from './errors';
import { createRegistry, defineConfigProvider, definePlugin } from './registry';
import { openWorkspace } from './workspace';

describe('field resolution and accessors', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (
    files: Record<string, string>,
    env: Record<string, string> = {},
    extra: Partial<Parameters<typeof openWorkspace>[0]> = {},
  ) => {
    const fixture = workspaceTree(files);
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir, ...extra });
  };

  it('is provider-outer, path-inner: a bare env var beats a specific secrets.toml key', () => {
    const workspace = open(
      { 'ws/.dlt/secrets.toml': '[sources.notion.pages]\napi_key = "specific"\n' },
      { API_KEY: 'bare' },
    );
    const resolved = workspace.resolveField({ sections: ['sources', 'notion', 'pages'], key: 'api_key', secret: true });
    expect(resolved).toMatchObject({
      value: 'bare',
      provider: 'Environment Variables',
      matchedKey: 'api_key',
      file: null,
    });
    expect(resolved.tried.map((attempt) => attempt.nativeKey)).toEqual([
      'SOURCES__NOTION__PAGES__API_KEY',
      'SOURCES__NOTION__API_KEY',
      'SOURCES__PAGES__API_KEY',
      'SOURCES__API_KEY',
      'API_KEY',
    ]);
  });

  it('within a provider the most specific path wins and provenance names file and line', () => {
    const workspace = open({
      'ws/.dlt/config.toml': 'k = "top"\n[sources]\nk = "sources"\n[sources.notion]\n# comment\nk = "module"\n',
    });
    const resolved = workspace.resolveField({ sections: ['sources', 'notion', 'pages'], key: 'k' });
    expect(resolved).toMatchObject({
      value: 'module',
      provider: 'config.toml',
      matchedKey: 'sources.notion.k',
      file: '.dlt/config.toml',
      line: 6,
    });
    expect(resolved.tried.map((attempt) => `${attempt.provider}:${attempt.key}:${attempt.found}`)).toEqual([
      'Environment Variables:sources.notion.pages.k:false',
      'Environment Variables:sources.notion.k:false',
      'Environment Variables:sources.pages.k:false',
      'Environment Variables:sources.k:false',
      'Environment Variables:k:false',
      'config.toml:sources.notion.pages.k:false',
      'config.toml:sources.notion.k:true',
    ]);
  });

  it('env names are upper case only; an empty value is a value; field lookups keep raw strings', () => {
    const workspace = open(
      { 'ws/.dlt/secrets.toml': '[s]\na = "sec"\nb = "sec-b"\n' },
      { S__A: '', s__b: 'lower', S__N: '0x10' },
    );
    expect(workspace.resolveField({ sections: ['s'], key: 'a', secret: true })).toMatchObject({
      value: '',
      provider: 'Environment Variables',
      matchedKey: 's.a',
    });
    expect(workspace.resolveField({ sections: ['s'], key: 'b' })).toMatchObject({
      value: 'sec-b',
      provider: 'secrets.toml',
    });
    expect(workspace.resolveField({ sections: ['s'], key: 'n' }).value).toBe('0x10');
    expect(workspace.get('s.n').value).toBe(16);
  });

  it('the secret rule: a secret found in config.toml fails, naming provider, key and file; secrets.toml and env are fine', () => {
    const workspace = open({
      'ws/.dlt/config.toml': '[sources.notion]\napi_key = "in-config"\nclient_secret = "cs-config"\n',
      'ws/.dlt/secrets.toml': '[sources]\nclient_secret = "cs-secrets"\n',
    });
    let error: DlthubError | undefined;
    try {
      workspace.resolveField({ sections: ['sources', 'notion'], key: 'api_key', secret: true });
    } catch (caught) {
      error = caught as DlthubError;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect(error).toMatchObject({
      code: 'ValueNotSecret',
      provider: 'config.toml',
      keyPath: 'sources.notion.api_key',
      location: { file: '.dlt/config.toml', line: 2 },
    });
    expect(error!.message).toBe(
      'Provider `config.toml` cannot hold secret values but key `sources.notion.api_key` with secret value is present (.dlt/config.toml:2).',
    );
    expect(error!.hint).toContain('.dlt/secrets.toml');
    expect(workspace.resolveField({ sections: ['sources', 'notion'], key: 'api_key' }).value).toBe('in-config');
    expect(
      workspace.resolveField({ sections: ['sources', 'notion'], key: 'client_secret', secret: true }),
    ).toMatchObject({
      value: 'cs-secrets',
      matchedKey: 'sources.client_secret',
    });
  });

  it('a pipeline name adds a prefixed pass over all providers first', () => {
    const workspace = open(
      { 'ws/.dlt/config.toml': '[my_pipe.sources.x]\nk = "prefixed-config"\n' },
      { SOURCES__X__K: 'plain-env' },
    );
    expect(workspace.resolveField({ sections: ['sources', 'x'], key: 'k', pipelineName: 'my_pipe' })).toMatchObject({
      value: 'prefixed-config',
      matchedKey: 'my_pipe.sources.x.k',
    });
    expect(workspace.resolveField({ sections: ['sources', 'x'], key: 'k' }).value).toBe('plain-env');
  });

  it('accessors use the exact path; get reads secrets.toml too; getSecret never reads config files', () => {
    const workspace = open(
      {
        'ws/.dlt/config.toml': 'page_size = 20\n[d.w]\ndataset = "cfg"\nflag = "TRUE"\n',
        'ws/.dlt/secrets.toml': '[d.w.credentials]\npassword = "pw"\n',
      },
      { D__W__SCHEMA: '{"a": [1, 2]}' },
    );
    expect(workspace.get('d.w.credentials.password')).toMatchObject({ value: 'pw', provider: 'secrets.toml' });
    expect(workspace.get('d.w.dataset')).toMatchObject({ value: 'cfg', provider: 'config.toml' });
    expect(workspace.getSecret('d.w.dataset')).toMatchObject({ found: false, value: undefined, provider: null });
    expect(workspace.get('d.w.page_size').found).toBe(false);
    expect(workspace.get('page_size').value).toBe(20);
    expect(workspace.get('d.w.flag').value).toBe(true);
    expect(workspace.getSecret('d.w.schema')).toMatchObject({
      value: { a: [1, 2] },
      provider: 'Environment Variables',
    });
  });

  it('registry providers come last and obey the secret rule by their flag', () => {
    const vault = defineConfigProvider({
      name: 'vault',
      supportsSecrets: true,
      get: (keyPath, context) => (keyPath.join('.') === 'sources.x.token' ? `vault-${context.profile}` : undefined),
    });
    const plain = defineConfigProvider({
      name: 'plain',
      supportsSecrets: false,
      get: (keyPath) => (keyPath.join('.') === 'sources.x.other' ? 'p' : undefined),
    });
    const registry = createRegistry([definePlugin({ name: 'ext', providers: [vault, plain] })]);
    const workspace = open({}, {}, { registry, profile: 'prod' });
    expect(workspace.providerNames).toEqual(['Environment Variables', 'secrets.toml', 'config.toml', 'vault', 'plain']);
    expect(workspace.resolveField({ sections: ['sources', 'x'], key: 'token', secret: true })).toMatchObject({
      value: 'vault-prod',
      provider: 'vault',
    });
    expect(() => workspace.resolveField({ sections: ['sources', 'x'], key: 'other', secret: true })).toThrow(
      /Provider `plain` cannot hold secret values/,
    );
    expect(workspace.getSecret('sources.x.other').found).toBe(false);
  });

  it('global files are shown with absolute paths', () => {
    const fixture = workspaceTree({ 'global/config.toml': '\n[a]\nb = 1\n' });
    cleanups.push(fixture.tree.cleanup);
    const workspace = openWorkspace({ cwd: fixture.root, env: {}, globalDir: fixture.globalDir });
    expect(workspace.get('a.b')).toMatchObject({ file: path.join(fixture.globalDir, 'config.toml'), line: 3 });
  });
});
