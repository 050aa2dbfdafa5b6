import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '@dlthub/config-core';
import { resolveCredentials } from './credentials';
import { storeToken } from './token-store';

const envKey = 'dlt_u_fixture_env_key_0123456789';
const fileKey = 'dlt_u_fixture_file_key_0123456789';
const loginToken = 'dlthub_at_fixture_login_0123456789';

describe('resolveCredentials precedence', () => {
  let root: string;
  let project: string;
  let globalDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'auth-creds-'));
    project = join(root, 'project');
    globalDir = join(root, 'global');
    mkdirSync(join(project, '.dlt'), { recursive: true });
    writeFileSync(join(project, '.dlt', '.workspace'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const open = (env: Record<string, string> = {}) => openWorkspace({ cwd: project, env, globalDir });

  it('none when nothing is configured', () => {
    expect(resolveCredentials(open(), {})).toEqual({ kind: 'none', token: undefined, source: 'none', warnings: [] });
  });

  it('stored login token from the global secrets.toml', () => {
    storeToken(globalDir, loginToken);
    expect(resolveCredentials(open(), {})).toMatchObject({
      kind: 'token',
      token: loginToken,
      source: `${join(globalDir, 'secrets.toml')} [runtime] auth_token`,
    });
  });

  it('[runtime] api_key in the workspace secrets beats the login token', () => {
    storeToken(globalDir, loginToken);
    writeFileSync(join(project, '.dlt', 'secrets.toml'), `[runtime]\napi_key = "${fileKey}"\n`);
    const credentials = resolveCredentials(open(), {});
    expect(credentials).toMatchObject({ kind: 'api_key', token: fileKey });
    expect(credentials.source).toContain('secrets.toml');
    expect(credentials.source).toContain('[runtime] api_key');
  });

  it('RUNTIME__API_KEY beats everything', () => {
    storeToken(globalDir, loginToken);
    writeFileSync(join(project, '.dlt', 'secrets.toml'), `[runtime]\napi_key = "${fileKey}"\n`);
    const env = { RUNTIME__API_KEY: envKey };
    expect(resolveCredentials(open(env), env)).toEqual({
      kind: 'api_key',
      token: envKey,
      source: 'RUNTIME__API_KEY',
      warnings: [],
    });
  });

  it('works outside a workspace with only the global dir', () => {
    storeToken(globalDir, loginToken);
    expect(resolveCredentials({ globalDir }, {})).toMatchObject({ kind: 'token', token: loginToken });
    expect(resolveCredentials({ globalDir }, { RUNTIME__API_KEY: ' ' })).toMatchObject({ kind: 'token' });
  });
});
