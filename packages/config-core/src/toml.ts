/**
 * The one TOML reader of the toolkit: every package parses TOML text through `parseToml`, so a
 * syntax error reads the same wherever it is found (code `TomlProviderRead`, `file:line:col`, a hint).
 * A light module (smol-toml and the error type only): start-up sensitive callers import it through
 * `@dlthub/config-core/toml` without loading the engine. TOML editing lives in `toml-edit`.
 */
import { parse, TomlError } from 'smol-toml';
import { DlthubError } from './errors';

export type TomlTable = Record<string, unknown>;

export interface ParseTomlOptions {
  /** dlt's provider name (`config.toml` / `secrets.toml`) when the file belongs to a provider family. */
  provider?: string;
  /** What to do next, given `file:line:col`; defaults to fixing the syntax there. */
  hint?: (where: string) => string;
}

/**
 * Parses `text`, the content of `file` (the path as the user should read it). Throws a DlthubError
 * `TomlProviderRead` whose message, hint and location name `file:line:col` of the first syntax error.
 */
export function parseToml(text: string, file: string, options: ParseTomlOptions = {}): TomlTable {
  try {
    return parse(text);
  } catch (cause) {
    if (!(cause instanceof TomlError)) throw cause;
    const where = `${file}:${cause.line}:${cause.column}`;
    const reason = (cause.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    const subject = options.provider ? `${options.provider} file ${where}` : where;
    throw new DlthubError('TomlProviderRead', `Cannot read ${subject}: invalid TOML: ${reason}`, {
      hint: options.hint ? options.hint(where) : `Fix the syntax at ${where}.`,
      provider: options.provider,
      location: { file, line: cause.line, column: cause.column },
      cause,
    });
  }
}
