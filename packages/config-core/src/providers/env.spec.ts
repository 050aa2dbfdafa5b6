import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEnvProvider, secretFileName } from './env';

describe('environment provider', () => {
  it('joins the path with __ in upper case; lower-case names never match; an empty value is a value', () => {
    const env = { DESTINATION__W__PORT: '1', destination__w__host: 'h', RUNTIME__LOG_LEVEL: '' };
    const provider = createEnvProvider(env, { secretsDir: null });
    expect(provider.get(['destination', 'w', 'port'])?.value).toBe('1');
    expect(provider.get(['destination', 'w', 'host'])).toBeUndefined();
    expect(provider.get(['runtime', 'log_level'])?.value).toBe('');
    expect(provider.nativeKey?.(['destination', 'w', 'port'])).toBe('DESTINATION__W__PORT');
  });

  describe('secret files (dlt SECRET_STORAGE_PATH, /run/secrets by default)', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-run-secrets-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('names the file after the env name, lower-cased with every "_" as "-"', () => {
      expect(secretFileName('DESTINATION__PG__CREDENTIALS__PASSWORD')).toBe('destination--pg--credentials--password');
    });

    it('reads the file for secret-typed lookups only, before the variable, unstripped', () => {
      fs.writeFileSync(path.join(dir, 'destination--pg--credentials--password'), ' from-file\n');
      const env = { DESTINATION__PG__CREDENTIALS__PASSWORD: 'from-env' };
      const provider = createEnvProvider(env, { secretsDir: dir });
      const keyPath = ['destination', 'pg', 'credentials', 'password'];
      expect(provider.get(keyPath, true)?.value).toBe(' from-file\n');
      expect(provider.get(keyPath, false)?.value).toBe('from-env');
    });

    it('reads <dir>/<name>/<name> when the name is a folder (Kubernetes), and falls back to the variable', () => {
      fs.mkdirSync(path.join(dir, 'api-key'));
      fs.writeFileSync(path.join(dir, 'api-key', 'api-key'), 'k8s');
      const provider = createEnvProvider({ TOKEN: 'env-token' }, { secretsDir: dir });
      expect(provider.get(['api_key'], true)?.value).toBe('k8s');
      expect(provider.get(['token'], true)?.value).toBe('env-token');
      expect(createEnvProvider({}, { secretsDir: path.join(dir, 'missing') }).get(['api_key'], true)).toBeUndefined();
    });
  });
});
