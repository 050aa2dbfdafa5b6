import type { ProviderName } from '../types';

/** What a provider returns for a path it holds. */
export interface ProviderHit {
  value: unknown;
  /** Index of the provider's file that held the value (see `fileOf`/`lineOf`), -1 when it has no files. */
  fileIndex: number;
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
  /** Display path of a file of this provider (relative to the workspace, absolute for the global dir). */
  fileOf?(fileIndex: number): string | null;
  /** 1-based line of `path` in a file of this provider; computed on demand (it needs a scan of the file). */
  lineOf?(fileIndex: number, path: readonly string[]): number | null;
}

export interface SectionView {
  /**
   * Same value as `get([...sections, key])?.value` (undefined when absent). After a hit, `hitFile`
   * holds the file index of the value until the next call: no hit object is allocated per lookup.
   */
  get(key: string): unknown;
  readonly hitFile: number;
  /**
   * Optional: like `get`, but a table may be returned as one file defines it (unmerged), for
   * callers that only need to know whether the value is a table.
   */
  peek?(key: string): unknown;
  /**
   * Optional: the view of the section `key` under this one (same as `section([...sections, key])`).
   * `remember` false: the caller asks once, so the view need not be kept for later calls.
   */
  child?(key: string, remember?: boolean): SectionView | null;
}
