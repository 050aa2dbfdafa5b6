/**
 * Test support for destination plugins (first-party and third-party): a real dltHub workspace in a
 * temp dir, opened hermetically, and the placements that prove every secret field is refused in
 * config.toml.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DlthubError, openWorkspace } from '@dlthub/config-core';
import type { CredentialsVariant, DestinationDefinition, Env, Registry, Workspace } from '@dlthub/config-core';

export interface TempWorkspace {
  /** Workspace root (holds `.dlt/.workspace`). */
  readonly dir: string;
  /** Writes a file relative to the workspace root, e.g. `.dlt/secrets.toml`. */
  write(file: string, content: string): void;
  /** Opens it with only `env` as the environment and an empty global dir. */
  open(options?: { env?: Env; profile?: string }): Workspace;
  remove(): void;
}

export function createTempWorkspace(registry: Registry, files: Readonly<Record<string, string>> = {}): TempWorkspace {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-destination-'));
  const dir = path.join(base, 'workspace');
  const globalDir = path.join(base, 'global');
  fs.mkdirSync(path.join(dir, '.dlt'), { recursive: true });
  fs.mkdirSync(globalDir);
  fs.writeFileSync(path.join(dir, '.dlt', '.workspace'), '');
  const write = (file: string, content: string) => {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  };
  for (const [file, content] of Object.entries(files)) write(file, content);
  return {
    dir,
    write,
    open: (options = {}) =>
      openWorkspace({ cwd: dir, env: options.env ?? {}, globalDir, homeDir: base, profile: options.profile, registry }),
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

export interface SecretPlacement {
  variant: string;
  /** The secret field put into config.toml. */
  field: string;
  /** A non-secret string field of the same variant put into secrets.toml, so the credentials table is read field by field. */
  anchor: string;
}

function acceptsString(schema: unknown): boolean {
  return (schema as { safeParse(value: unknown): { success: boolean } }).safeParse('anchor').success;
}

/**
 * One placement per secret field of every credentials variant. The anchor is a field that no earlier
 * variant has, so the engine settles on this variant before it reaches the secret field.
 */
export function secretPlacements(variants: readonly CredentialsVariant[]): SecretPlacement[] {
  const placements: SecretPlacement[] = [];
  variants.forEach((variant, index) => {
    const earlier = new Set(variants.slice(0, index).flatMap((other) => Object.keys(other.schema.shape)));
    const anchor = Object.keys(variant.schema.shape).find(
      (field) =>
        !variant.secretFields.includes(field) && !earlier.has(field) && acceptsString(variant.schema.shape[field]),
    );
    for (const field of variant.secretFields) {
      placements.push({ variant: variant.name, field, anchor: anchor ?? '' });
    }
  });
  return placements;
}

/** TOML for a `[destination.<name>…]` table of string values (values are JSON-quoted, which TOML accepts). */
export function tomlTable(header: string, values: Readonly<Record<string, string>>): string {
  return `[${header}]\n${Object.entries(values)
    .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
    .join('\n')}\n`;
}

/** The variants a destination offers for a given destination-level config (all of them without a selector). */
export function variantsFor(
  destination: DestinationDefinition,
  config: Record<string, unknown> = {},
): CredentialsVariant[] {
  if (!destination.selectCredentials) return [...destination.credentialsSchemas];
  const names = destination.selectCredentials(config);
  return destination.credentialsSchemas.filter((variant) => names.includes(variant.name));
}

/** The DlthubError `fn` throws; anything else (or nothing) is a test failure. */
export function captureDlthubError(fn: () => unknown): DlthubError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('Expected a DlthubError, but nothing was thrown.');
}

/** Plain values of resolved fields, for compact assertions. */
export function valuesOf(fields: Readonly<Record<string, { value: unknown }>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, source]) => [key, source.value]));
}
