import { createEnvProvider } from './env';

describe('environment provider', () => {
  it('sees every change to the same env object between opens (the index is reused only while nothing changed)', () => {
    const env: Record<string, string | undefined> = { DESTINATION__W__PORT: '1', RUNTIME__LOG_LEVEL: 'INFO' };
    const first = createEnvProvider(env);
    expect(first.get(['destination', 'w', 'port'])?.value).toBe('1');
    env.DESTINATION__W__PORT = '2';
    expect(createEnvProvider(env).get(['destination', 'w', 'port'])?.value).toBe('2');
    env.DESTINATION__W__HOST = 'h';
    expect(createEnvProvider(env).section!(['destination', 'w'])!.get('host')).toBe('h');
    delete env.RUNTIME__LOG_LEVEL;
    env.RUNTIME__LOG_FORMAT = 'json';
    const last = createEnvProvider(env);
    expect(last.get(['runtime', 'log_level'])).toBeUndefined();
    expect(last.get(['runtime', 'log_format'])?.value).toBe('json');
    // An earlier provider keeps what it saw when it was made.
    expect(first.get(['destination', 'w', 'port'])?.value).toBe('1');
  });
});
