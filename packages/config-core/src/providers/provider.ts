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
  /** Value at the exact path (sections then key), or undefined when absent. `secret`: the field is secret-typed. */
  get(path: readonly string[], secret?: boolean): ProviderHit | undefined;
  /** The provider-native spelling of a path, e.g. `SOURCES__NOTION__API_KEY`; absent: the dotted key. */
  nativeKey?(path: readonly string[]): string;
  /** Display path of a file of this provider (relative to the workspace, absolute for the global dir). */
  fileOf?(fileIndex: number): string | null;
  /** 1-based line of `path` in a file of this provider. */
  lineOf?(fileIndex: number, path: readonly string[]): number | null;
  /**
   * The value at `path` of one file as written, integers as `bigint` and floats as `number`: a text field
   * turns a TOML number into text the way Python prints it (`5.0` stays `5.0`), which needs the literal's type.
   */
  literalOf?(fileIndex: number, path: readonly string[]): unknown;
}
