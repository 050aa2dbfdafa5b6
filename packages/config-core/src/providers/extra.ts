/** Adapts a registry's extra provider (vault, secret manager) to the provider chain. */
import type { ConfigProviderDefinition, ProviderContext } from '../registry';
import type { ConfigProvider } from './provider';

export function adaptExtraProvider(definition: ConfigProviderDefinition, context: ProviderContext): ConfigProvider {
  return {
    name: definition.name,
    supportsSecrets: definition.supportsSecrets,
    isEmpty: false,
    get(path) {
      const value = definition.get(path, context);
      return value === undefined || value === null ? undefined : { value, fileIndex: -1 };
    },
  };
}
