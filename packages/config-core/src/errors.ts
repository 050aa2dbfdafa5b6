/**
 * The one error type of the toolkit. Every failure a user can cause carries a stable `code`,
 * a message saying what went wrong and where, and a `hint` saying what to do next.
 * The exit status of a failure follows from its code alone (`exitCodeFor`), so the same error exits
 * the same way whichever package throws it.
 */
export type DlthubErrorCode =
  | 'TomlProviderRead'
  | 'WorkspaceNotFound'
  | 'ValueNotSecret'
  | 'UnknownDestination'
  | 'UnknownDestinationType'
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
  | 'RunFailed'
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
  cause?: unknown;
}

/** The process exit statuses of the CLI (packages/cli/README.md): 1 failure, 2 usage, 130 cancelled. */
export type ExitCode = 1 | 2 | 130;

/**
 * The exit status of every error code. 2 is for what the user typed: a command, flag or argument
 * (`Usage`), a profile name (`InvalidProfileName`), a destination type named on the command line
 * (`UnknownDestinationType`). A destination that the configuration cannot resolve (`UnknownDestination`)
 * is a configuration failure, 1.
 */
const EXIT_CODES = {
  TomlProviderRead: 1,
  WorkspaceNotFound: 1,
  ValueNotSecret: 1,
  UnknownDestination: 1,
  UnknownDestinationType: 2,
  ConfigValueCannotBeCoerced: 1,
  ConfigFieldMissing: 1,
  InvalidProfileName: 2,
  InvalidConfigValue: 1,
  FileReadError: 1,
  PluginLoadError: 1,
  PluginConflict: 1,
  InvalidPlugin: 1,
  WriteRefused: 1,
  Usage: 2,
  Auth: 1,
  Network: 1,
  Api: 1,
  Cancelled: 130,
  Conflict: 1,
  RunFailed: 1,
  NotFound: 1,
  Internal: 1,
} as const satisfies Record<DlthubErrorCode, ExitCode>;

/** The exit status for an error code; a code this copy of the module does not know (a newer plugin's) is 1. */
export function exitCodeFor(error: { code: string }): ExitCode {
  return (EXIT_CODES as Readonly<Record<string, ExitCode>>)[error.code] ?? 1;
}

export class DlthubError extends Error {
  readonly code: DlthubErrorCode;
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly keyPath?: string;
  readonly provider?: string;
  /** The process exit status, from the code alone (`exitCodeFor`). */
  readonly exitCode: ExitCode;

  constructor(code: DlthubErrorCode, message: string, options: DlthubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DlthubError';
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.keyPath = options.keyPath;
    this.provider = options.provider;
    this.exitCode = exitCodeFor(this);
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

/**
 * What an `onResolved` fix-up throws when dlt's `on_resolved` refuses a field's value. It carries the field
 * (its key in the variant) and the reason only: resolution knows where the value came from and turns it into
 * an `InvalidConfigValue` naming the key path and the file.
 */
export class FieldValueRejected extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'FieldValueRejected';
  }
}
