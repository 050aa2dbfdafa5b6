/**
 * The one error type of the toolkit. Every failure a user can cause carries a stable `code`,
 * a message saying what went wrong and where, and a `hint` saying what to do next.
 * The CLI maps `exitCode` straight to the process exit status.
 */
export type DlthubErrorCode =
  | 'TomlProviderRead'
  | 'WorkspaceNotFound'
  | 'ValueNotSecret'
  | 'UnknownDestination'
  | 'ConfigValueCannotBeCoerced'
  | 'ConfigFieldMissing'
  | 'InvalidProfileName'
  | 'InvalidConfigValue'
  | 'FileReadError'
  | 'PluginLoadError'
  | 'PluginConflict'
  | 'InvalidPlugin'
  | 'WriteRefused'
  | 'Usage'
  | 'Auth'
  | 'Network'
  | 'Api'
  | 'Cancelled'
  | 'Conflict'
  | 'NotFound'
  | 'Internal';

/** Where in a file an error points; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface DlthubErrorOptions {
  hint?: string;
  location?: SourceLocation;
  /** Dotted key path the error is about, e.g. `destination.warehouse.credentials.port`. */
  keyPath?: string;
  /** Provider name the offending value came from (dlt's provider names). */
  provider?: string;
  exitCode?: number;
  cause?: unknown;
}

const usageCodes: ReadonlySet<DlthubErrorCode> = new Set(['Usage', 'InvalidProfileName']);

export class DlthubError extends Error {
  readonly code: DlthubErrorCode;
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly keyPath?: string;
  readonly provider?: string;
  readonly exitCode: number;

  constructor(code: DlthubErrorCode, message: string, options: DlthubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DlthubError';
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.keyPath = options.keyPath;
    this.provider = options.provider;
    this.exitCode = options.exitCode ?? (code === 'Cancelled' ? 130 : usageCodes.has(code) ? 2 : 1);
  }

  /** `file:line:col` when the error points into a file. */
  get where(): string | undefined {
    if (!this.location) return undefined;
    const { file, line, column } = this.location;
    return [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined).join(':');
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.location ? { location: this.location } : {}),
      ...(this.keyPath ? { key: this.keyPath } : {}),
      ...(this.provider ? { provider: this.provider } : {}),
    };
  }
}

export function isDlthubError(value: unknown): value is DlthubError {
  if (value instanceof DlthubError) return true;
  // Another copy of this module (a plugin's own config-core, the bundled CLI) has its own class: same name and shape.
  if (!(value instanceof Error) || value.name !== 'DlthubError') return false;
  const { code, exitCode } = value as Partial<DlthubError>;
  return typeof code === 'string' && typeof exitCode === 'number';
}
