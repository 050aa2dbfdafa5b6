/**
 * The one output layer: data goes to stdout, messages to stderr; with `--json` a command prints exactly
 * one JSON document on stdout (errors as `{"error": {...}}`). Colour only on a TTY and never with NO_COLOR.
 * Commands mask secrets before they hand values over (config-core `maskSecret`).
 */
import type { DlthubError } from '@dlthub/config-core';
import { redactUrls, SecretRegistry, terminalSafe } from './redact';

import { writeSync } from 'node:fs';

type Env = Readonly<Record<string, string | undefined>>;

/** Where text goes: fd 1 (stdout) or 2 (stderr). */
export type Writer = (fd: 1 | 2, text: string) => void;

/**
 * Writes straight to the file descriptor. Touching `process.stdout` builds a stream (for a pipe, the
 * whole `net` stack), which costs more start-up time than a short command spends working; a blocking
 * write of a few lines needs none of it. EAGAIN (a non-blocking pipe that is full) is retried.
 */
export const writeToFd: Writer = (fd, text) => {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
};

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;
export type Style = keyof typeof CODES;

export class Output {
  readonly json: boolean;
  readonly verbose: number;
  private readonly write: Writer;
  private readonly colorAllowed: boolean;
  private readonly isTTY: (fd: 1 | 2) => boolean;
  private readonly colorByFd = new Map<1 | 2, boolean>();
  private printedJson = false;
  /** Secrets this process knows (credentials, tokens, secret values read): never printed, not even in part. */
  readonly secrets = new SecretRegistry();

  constructor(options: { json: boolean; verbose: number; env: Env; write?: Writer; isTTY?: (fd: 1 | 2) => boolean }) {
    this.json = options.json;
    this.verbose = options.verbose;
    const raw = options.write ?? writeToFd;
    // Every byte goes through here: URL credentials and known secret fragments masked, control characters escaped.
    this.write = (fd, text) => raw(fd, this.clean(text));
    // `tty` pulls in `net`: asked only when something is styled.
    this.isTTY = options.isTTY ?? ((fd) => (require('node:tty') as typeof import('node:tty')).isatty(fd));
    // NO_COLOR (https://no-color.org): any non-empty value disables colour.
    this.colorAllowed = !options.env.NO_COLOR && options.env.TERM !== 'dumb';
  }

  /** What any output must become before it is written. */
  clean(text: string): string {
    return terminalSafe(this.secrets.redact(redactUrls(text)), true);
  }

  private color(fd: 1 | 2): boolean {
    let enabled = this.colorByFd.get(fd);
    if (enabled === undefined) {
      enabled = this.colorAllowed && !(fd === 1 && this.json) && this.isTTY(fd);
      this.colorByFd.set(fd, enabled);
    }
    return enabled;
  }

  private paint(fd: 1 | 2, style: Style, text: string): string {
    if (!this.color(fd)) return text;
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** Styles text bound for stdout. */
  style(style: Style, text: string): string {
    return this.paint(1, style, text);
  }

  /** A line of data on stdout (text mode only; JSON goes through `result`). */
  print(text = ''): void {
    if (this.json) return;
    this.write(1, `${text}\n`);
  }

  /** A message for the user on stderr. */
  info(text: string): void {
    this.write(2, `${text}\n`);
  }

  warn(text: string): void {
    this.write(2, `${this.paint(2, 'yellow', 'warning:')} ${text}\n`);
  }

  /** Only with -v. */
  debug(text: string): void {
    if (this.verbose > 0) this.write(2, `${this.paint(2, 'dim', text)}\n`);
  }

  /** The command's result: the JSON document with --json, else the rendered text lines on stdout. */
  result(json: unknown, render: () => string | string[]): void {
    if (this.json) {
      this.writeJson(json);
      return;
    }
    const text = render();
    const lines = Array.isArray(text) ? text : [text];
    if (lines.length > 0) this.write(1, `${lines.join('\n')}\n`);
  }

  private writeJson(value: unknown): void {
    if (this.printedJson) return;
    this.printedJson = true;
    // JSON.stringify leaves C1 controls (U+0080–U+009F) raw; \u-escape them like the C0 ones.
    const json = JSON.stringify(value, null, 2).replace(
      /[\u007f-\u009f]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    this.write(1, `${json}\n`);
  }

  /** `error: <message>` + `hint: <fix>` on stderr; with --json also `{"error": {...}}` on stdout. */
  error(error: DlthubError): void {
    if (this.json) this.writeJson({ error: error.toJSON() });
    this.write(2, `${this.paint(2, 'red', 'error:')} ${error.message}\n`);
    if (error.hint) this.write(2, `${this.paint(2, 'dim', 'hint:')} ${error.hint}\n`);
  }
}
