import type { ProviderName } from '../types';

/** What a provider returns for a path it holds. */
export interface ProviderHit {
  value: unknown;
  /** Display path of the file that held the value (TOML providers), else null. */
  file: string | null;
  /** 1-based line of the key in `file`, when known. */
  line: number | null;
}

/** One link of the provider chain (dlt: env → secrets.toml → config.toml → extras). */
export interface ConfigProvider {
  readonly name: ProviderName;
  /** dlt's `supports_secrets`: config.toml may not hold secret values. */
  readonly supportsSecrets: boolean;
  /** A provider with nothing in it is skipped, not even traced (dlt §3.1). */
  readonly isEmpty: boolean;
  /** Value at the exact path (sections then key), or undefined when absent. */
  get(path: readonly string[]): ProviderHit | undefined;
  /** The provider-native spelling of a path, e.g. `SOURCES__NOTION__API_KEY`. */
  nativeKey(path: readonly string[]): string;
  /**
   * Optional fast path: the table at `sections`, so many keys under one section are read without
   * walking the path again; null when nothing exists under `sections`.
   */
  section?(sections: readonly string[]): SectionView | null;
}

export interface SectionView {
  /** Same as `get([...sections, key])`. */
  get(key: string): ProviderHit | undefined;
}
