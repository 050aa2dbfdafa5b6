/**
 * The environment provider. dlt joins `[pipeline?, *sections, key]` with `__` and upper-cases
 * everything; a variable set to "" is a value. Names are looked up exactly, so lower-case
 * variable names never match (dlt: providers/environ.py).
 */
import type { Env } from '../types';
import type { ConfigProvider, ProviderHit } from './provider';

export const ENV_PROVIDER_NAME = 'Environment Variables';

export function envKeyOf(path: readonly string[]): string {
  return path
    .filter((part) => part.length > 0)
    .join('__')
    .toUpperCase();
}

export function createEnvProvider(env: Env): ConfigProvider {
  return {
    name: ENV_PROVIDER_NAME,
    supportsSecrets: true,
    isEmpty: false,
    nativeKey: envKeyOf,
    get(path: readonly string[]): ProviderHit | undefined {
      const value = env[envKeyOf(path)];
      return value === undefined ? undefined : { value, file: null, line: null };
    },
  };
}
