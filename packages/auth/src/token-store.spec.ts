import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseToml } from '@dlthub/config-core/toml';
import { readStoredToken, removeToken, storeToken } from './token-store';

const fixtureToken = 'dlthub_at_fixture_store_token_0123456789';

describe('login token store (global secrets.toml)', () => {
  let root: string;
  let globalDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'auth-store-'));
    globalDir = join(root, 'global');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the dir 0700 and the file 0600 with [runtime] auth_token', () => {
    const { path } = storeToken(globalDir, fixtureToken);
    expect(path).toBe(join(globalDir, 'secrets.toml'));
    expect(statSync(globalDir).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(`[runtime]\nauth_token = "${fixtureToken}"\n`);
    expect(readStoredToken(globalDir)).toEqual({ token: fixtureToken, path, warning: undefined });
  });

  it('keeps comments, order and other keys; replaces an old token in place; tightens the mode', () => {
    const path = join(globalDir, 'secrets.toml');
    const original = [
      '# my global secrets',
      '[destination.warehouse.credentials]',
      'password = "keep-me"  # trailing comment',
      '',
      '[runtime]',
      'auth_token = "old"',
      'api_base_url = "http://127.0.0.1:9"',
      '',
    ].join('\n');
    storeToken(globalDir, 'x'.repeat(20)); // creates dir
    writeFileSync(path, original);
    chmodSync(path, 0o644);
    storeToken(globalDir, fixtureToken);
    expect(readFileSync(path, 'utf8')).toBe(original.replace('"old"', `"${fixtureToken}"`));
    expect(statSync(path).mode & 0o777).toBe(0o600);

    expect(removeToken(globalDir)).toEqual({ path, removed: true });
    expect(readFileSync(path, 'utf8')).toBe(original.replace('auth_token = "old"\n', ''));
    expect(readStoredToken(globalDir)).toBeUndefined();
  });

  it('logout without a stored token changes nothing', () => {
    expect(removeToken(globalDir)).toEqual({ path: join(globalDir, 'secrets.toml'), removed: false });
    expect(existsSync(globalDir)).toBe(false);
  });

  it('warns when the file is readable by others', () => {
    const { path } = storeToken(globalDir, fixtureToken);
    chmodSync(path, 0o644);
    expect(readStoredToken(globalDir)?.warning).toBe(
      `${path} is readable by other users (mode 644); run \`chmod 600 ${path}\`.`,
    );
  });

  it('a broken file is an error with line and column, never the token', () => {
    storeToken(globalDir, fixtureToken);
    const path = join(globalDir, 'secrets.toml');
    writeFileSync(path, `[runtime]\nauth_token = "${fixtureToken}"\nbroken = \n`);
    let caught: unknown;
    try {
      readStoredToken(globalDir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'TomlProviderRead', location: { file: path, line: 3 } });
    expect(String((caught as Error).message)).not.toContain(fixtureToken);
  });

  it('a broken file fails with the same code, message and location as config-core reading it', () => {
    const path = join(globalDir, 'secrets.toml');
    const text = '[runtime]\nauth_token = "x"\n[runtime\n';
    mkdirSync(globalDir, { recursive: true });
    writeFileSync(path, text);
    const read = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as { code: string; message: string; location: unknown; hint?: string };
      }
      throw new Error('expected an error');
    };
    const expected = read(() => parseToml(text, path));
    const caught = read(() => readStoredToken(globalDir));
    expect(caught.code).toBe(expected.code);
    expect(caught.message).toBe(expected.message);
    expect(caught.location).toEqual(expected.location);
    expect(caught.message).toMatch(new RegExp(`^Cannot read ${path.replace(/[.]/g, '\\.')}:3:9: invalid TOML: `));
    expect(caught.hint).toContain('dlthub logout');
  });
});
