import { workspaceTree } from './__fixtures__/tree';
import { DlthubError } from './errors';
import { openWorkspace } from './workspace';

describe('runtime settings', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  const open = (files: Record<string, string>, env: Record<string, string> = {}, marker = true) => {
    const fixture = workspaceTree(files, { marker });
    cleanups.push(fixture.tree.cleanup);
    return openWorkspace({ cwd: fixture.root, env, globalDir: fixture.globalDir });
  };

  it("has dlt defaults, with the product page's api_base_url", () => {
    const runtime = open({}).runtime();
    expect(runtime.log_level).toMatchObject({ value: 'WARNING', provider: 'default' });
    expect(runtime.dlthub_telemetry).toMatchObject({ value: true, provider: 'default' });
    expect(runtime.api_base_url).toMatchObject({ value: 'https://api.dlthub.com', provider: 'default' });
    expect(runtime.request_timeout.value).toBe(60);
    expect(runtime.workspace_id).toMatchObject({ found: false, value: undefined, provider: null });
  });

  it('reads [workspace.runtime] before [runtime], env first (provider outer), and coerces typed keys', () => {
    const workspace = open(
      {
        'ws/.dlt/config.toml':
          '[workspace.runtime]\nlog_level = "ERROR"\n[runtime]\nlog_level = "DEBUG"\nworkspace_id = "ws_1"\ncustom = 1\n',
        'ws/.dlt/secrets.toml': '[runtime]\napi_key = "dlt_u_key"\n',
      },
      {
        RUNTIME__DLTHUB_TELEMETRY: 'false',
        RUNTIME__REQUEST_MAX_ATTEMPTS: '0x10',
        RUNTIME__API_BASE_URL: 'https://api.example.test',
      },
    );
    const runtime = workspace.runtime();
    expect(runtime.log_level).toMatchObject({
      value: 'ERROR',
      matchedKey: 'workspace.runtime.log_level',
      file: '.dlt/config.toml',
      line: 2,
    });
    expect(runtime.workspace_id).toMatchObject({ value: 'ws_1', matchedKey: 'runtime.workspace_id' });
    expect(runtime.dlthub_telemetry).toMatchObject({ value: false, provider: 'Environment Variables' });
    expect(runtime.request_max_attempts.value).toBe(16);
    expect(runtime.api_base_url.value).toBe('https://api.example.test');
    expect(runtime.api_key).toMatchObject({ value: 'dlt_u_key', provider: 'secrets.toml' });
    expect(runtime.custom.value).toBe(1);
    expect(workspace.runtimeValue('workspace_id').value).toBe('ws_1');
  });

  it('classic mode reads [runtime] only', () => {
    const runtime = open(
      { 'ws/.dlt/config.toml': '[workspace.runtime]\nlog_level = "ERROR"\n[runtime]\nlog_level = "INFO"\n' },
      {},
      false,
    ).runtime();
    expect(runtime.log_level.value).toBe('INFO');
  });

  it('an api_key in config.toml is refused as a secret; an unknown log level is an error naming the file', () => {
    const secretInConfig = open({ 'ws/.dlt/config.toml': '[runtime]\napi_key = "dlt_u_x"\n' });
    expect(() => secretInConfig.runtimeValue('api_key')).toThrow(
      expect.objectContaining({ code: 'ValueNotSecret', keyPath: 'runtime.api_key' }),
    );
    expect(secretInConfig.runtimeValue('api_base_url').value).toBe('https://api.dlthub.com');
    const badLevel = open({ 'ws/.dlt/config.toml': '[runtime]\nlog_level = "info"\n' });
    let error: DlthubError | undefined;
    try {
      badLevel.runtime();
    } catch (caught) {
      error = caught as DlthubError;
    }
    expect(error).toMatchObject({ code: 'InvalidConfigValue', location: { file: '.dlt/config.toml', line: 2 } });
    const badBool = open({}, { RUNTIME__DLTHUB_TELEMETRY: 'sometimes' });
    expect(() => badBool.runtime()).toThrow(expect.objectContaining({ code: 'ConfigValueCannotBeCoerced' }));
  });
});
