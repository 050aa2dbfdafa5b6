import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DlthubError } from '@dlthub/config-core';
import { assertNoEnvApiKey, logout, verifyAndStoreToken } from './login';
import { readStoredToken, storeToken } from './token-store';

const goodToken = 'dlthub_at_fixture_good_0123456789';
const badToken = 'dlthub_at_fixture_bad_0123456789';

describe('login helpers', () => {
  let globalDir: string;
  beforeEach(() => {
    globalDir = join(mkdtempSync(join(tmpdir(), 'auth-login-')), 'global');
  });
  afterEach(() => rmSync(join(globalDir, '..'), { recursive: true, force: true }));

  it('stores the token only after verification succeeds', async () => {
    const stored = await verifyAndStoreToken({
      token: goodToken,
      globalDir,
      verify: async () => ({ username: 'alice' }),
    });
    expect(stored).toEqual({ user: { username: 'alice' }, path: join(globalDir, 'secrets.toml') });
    expect(readStoredToken(globalDir)?.token).toBe(goodToken);

    const failed = verifyAndStoreToken({
      token: badToken,
      globalDir,
      verify: async () => {
        throw new DlthubError('Auth', 'GET /api/v1/me failed with HTTP 401');
      },
    });
    await expect(failed).rejects.toMatchObject({ code: 'Auth' });
    expect(readStoredToken(globalDir)?.token).toBe(goodToken);
  });

  it('refuses login and logout while RUNTIME__API_KEY is set, removing nothing', () => {
    storeToken(globalDir, goodToken);
    expect(() => assertNoEnvApiKey({ RUNTIME__API_KEY: 'dlt_u_fixture_env_0123456789' }, 'login')).toThrow(
      'RUNTIME__API_KEY is set and takes precedence; unset it to store login credentials.',
    );
    expect(() => logout(globalDir, { RUNTIME__API_KEY: 'dlt_u_fixture_env_0123456789' })).toThrow(
      'unset it to log out',
    );
    expect(readStoredToken(globalDir)?.token).toBe(goodToken);
    expect(() => assertNoEnvApiKey({}, 'login')).not.toThrow();
  });

  it('logout removes the stored token and says when there was none', () => {
    storeToken(globalDir, goodToken);
    expect(logout(globalDir, {})).toEqual({ path: join(globalDir, 'secrets.toml'), removed: true });
    expect(logout(globalDir, {})).toMatchObject({ removed: false });
    expect(existsSync(join(globalDir, 'secrets.toml'))).toBe(true);
  });
});
