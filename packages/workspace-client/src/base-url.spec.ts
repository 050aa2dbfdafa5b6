import { DlthubError } from '@dlthub/config-core';
import { normalizeApiBaseUrl } from './base-url';

describe('normalizeApiBaseUrl', () => {
  it.each([
    ['https://dlthub.app/api/api', 'https://api.dlthub.app'],
    ['https://dlthub.net/api/auth', 'https://api.dlthub.net'],
    ['https://dlthub.test/api/api/', 'https://api.dlthub.test'],
    ['https://dlthub.dev/api/auth', 'https://api.dlthub.dev'],
    ['https://api.dlthub.com', 'https://api.dlthub.com'],
    ['https://api.dlthub.com/', 'https://api.dlthub.com'],
    ['https://api.dlthub.com/api/v1/', 'https://api.dlthub.com'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['https://proxy.example.com/dlthub', 'https://proxy.example.com/dlthub'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeApiBaseUrl(input)).toBe(expected);
  });

  it('keeps non-legacy dlthub paths', () => {
    expect(normalizeApiBaseUrl('https://dlthub.com/api/api')).toBe('https://dlthub.com/api/api');
  });

  it('rejects what is not an http(s) URL, naming the config key', () => {
    for (const bad of ['not a url', 'ftp://x.example', 'https://x.example/?a=1']) {
      let caught: unknown;
      try {
        normalizeApiBaseUrl(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DlthubError);
      expect(caught).toMatchObject({ code: 'InvalidConfigValue', keyPath: 'runtime.api_base_url' });
    }
  });
});
