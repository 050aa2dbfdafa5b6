/**
 * The one output layer: data goes to stdout, messages to stderr; with `--json` a command prints exactly
 * one JSON document on stdout (errors as `{"error": {...}}`). Colour only on a TTY and never with NO_COLOR.
 * Commands mask secrets before they hand values over (config-core `maskSecret`).
 */
import type { DlthubError } from '@dlthub/config-core';

type Env = Readonly<Record<string, string | undefined>>;

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

export class Output {
  readonly json: boolean;
  readonly verbose: number;
  private readonly streams: OutputStreams;
  private readonly colorOut: boolean;
  private readonly colorErr: boolean;
  private printedJson = false;

  constructor(options: { json: boolean; verbose: number; env: Env; streams?: OutputStreams }) {
    this.json = options.json;
    this.verbose = options.verbose;
    this.streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
    // NO_COLOR (https://no-color.org): any non-empty value disables colour.
    const colorAllowed = !options.env.NO_COLOR && options.env.TERM !== 'dumb';
    this.colorOut = colorAllowed && !this.json && Boolean(this.streams.stdout.isTTY);
    this.colorErr = colorAllowed && Boolean(this.streams.stderr.isTTY);
  }

  private paint(enabled: boolean, style: Style, text: string): string {
    const [open, close] = CODES[style];
    return enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  }

  /** Styles text bound for stdout. */
  style(style: Style, text: string): string {
    return this.paint(this.colorOut, style, text);
  }

  /** A line of data on stdout (text mode only; JSON goes through `result`). */
  print(text = ''): void {
    if (this.json) return;
    this.streams.stdout.write(`${text}\n`);
  }

  /** A message for the user on stderr. */
  info(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.streams.stderr.write(`${this.paint(this.colorErr, 'yellow', 'warning:')} ${text}\n`);
  }

  /** Only with -v. */
  debug(text: string): void {
    if (this.verbose > 0) this.streams.stderr.write(`${this.paint(this.colorErr, 'dim', text)}\n`);
  }

  /** The command's result: the JSON document with --json, else the rendered text lines on stdout. */
  result(json: unknown, render: () => string | string[]): void {
    if (this.json) {
      this.writeJson(json);
      return;
    }
    const text = render();
    const lines = Array.isArray(text) ? text : [text];
    if (lines.length > 0) this.streams.stdout.write(`${lines.join('\n')}\n`);
  }

  private writeJson(value: unknown): void {
    if (this.printedJson) return;
    this.printedJson = true;
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** `error: <message>` + `hint: <fix>` on stderr; with --json also `{"error": {...}}` on stdout. */
  error(error: DlthubError): void {
    if (this.json) this.writeJson({ error: error.toJSON() });
    this.streams.stderr.write(`${this.paint(this.colorErr, 'red', 'error:')} ${error.message}\n`);
    if (error.hint) this.streams.stderr.write(`${this.paint(this.colorErr, 'dim', 'hint:')} ${error.hint}\n`);
  }
}
