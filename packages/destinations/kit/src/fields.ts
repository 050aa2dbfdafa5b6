/**
 * Field shapes shared by several dlt destination specs, with dlt's names, types and defaults, and the
 * helpers every `parseNative` needs. Required fields are plain schemas, optional ones `.optional()`,
 * defaulted ones `.default(x)`: the engine reads kinds, defaults and required-ness from these wrappers.
 */
import { z } from 'zod';
import type { FieldsSchema } from '@dlthub/config-core';
import { DlthubError } from '@dlthub/config-core';

/** What `dlt init` writes for a value the user must fill in; the engine warns when it is still there. */
export const CONFIGURE_ME = '<configure me>';

/** What a database server reached with a user and password scaffolds: a local host in dev, everything to fill in for prod. */
export const serverScaffold = {
  dev: {
    config: {},
    credentials: { database: CONFIGURE_ME, username: CONFIGURE_ME, password: CONFIGURE_ME, host: 'localhost' },
  },
  prod: {
    config: {},
    credentials: { database: CONFIGURE_ME, username: CONFIGURE_ME, password: CONFIGURE_ME, host: CONFIGURE_ME },
  },
};

/** dlt's `TLoaderFileFormat` literal. */
export const LOADER_FILE_FORMATS = [
  'jsonl',
  'typed-jsonl',
  'insert_values',
  'parquet',
  'csv',
  'reference',
  'model',
] as const;

/** dlt's `replace_strategy` literal. */
export const REPLACE_STRATEGIES = ['truncate-and-insert', 'insert-from-staging', 'staging-optimized'] as const;

/**
 * dlt's `DestinationClientConfiguration` fields besides `credentials` (nested) and `destination_type` (never
 * resolved). `destination_name` is given by dlt as the destination's name (its default in resolution).
 */
export const destinationConfigShape = {
  destination_name: z.string().optional(),
  environment: z.string().optional(),
};

/**
 * `DestinationClientDwhConfiguration` fields. `dataset_name` and `default_schema_name` are never read from
 * configuration by dlt (they keep their null default); `replace_strategy` has no configured default (the
 * destination's capabilities pick one at load time).
 */
export const dwhShape = {
  ...destinationConfigShape,
  dataset_name: z.string().optional(),
  default_schema_name: z.string().optional(),
  replace_strategy: z.enum(REPLACE_STRATEGIES).optional(),
  staging_dataset_name_layout: z.string().default('%s_staging'),
  enable_dataset_name_normalization: z.boolean().default(true),
  info_tables_query_threshold: z.number().int().default(1000),
};

/** `DestinationClientDwhWithStagingConfiguration` fields (sql destinations that load from a staging bucket). */
export const dwhConfigShape = {
  ...dwhShape,
  truncate_tables_on_staging_destination_before_load: z.boolean().default(true),
};

/** dlt's default file layout inside a staging bucket. */
export const DEFAULT_FILE_LAYOUT = '{table_name}/{load_id}.{file_id}.{ext}';

/** `DestinationClientStagingConfiguration` fields besides `bucket_url` (filesystem as a destination or a staging area). */
export const stagingConfigShape = {
  ...dwhShape,
  as_staging_destination: z.boolean().default(false),
  layout: z.string().default(DEFAULT_FILE_LAYOUT),
};

/** `DuckDbBaseCredentials` options, shared by duckdb and motherduck. */
export const duckdbOptionsShape = {
  read_only: z.boolean().default(false),
  extensions: z.array(z.string()).optional(),
  global_config: z.record(z.string(), z.unknown()).optional(),
  pragmas: z.array(z.string()).optional(),
  local_config: z.record(z.string(), z.unknown()).optional(),
};

/**
 * A `ConnectionStringCredentials.password` field. dlt strips it of whitespace in `on_resolved`, so only when
 * the credentials are complete: give the variant `onResolved: stripPassword`.
 */
export const strippedSecret = () => z.string();

/** dlt's `ConnectionStringCredentials.on_resolved`: the password is whitespace-stripped. */
export function stripPassword(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return typeof fields.password === 'string' ? { ...fields, password: fields.password.trim() } : { ...fields };
}

/** `ConnectionStringCredentials` fields besides the (fixed) drivername; every spec narrows some of them. */
export const connectionStringShape = {
  database: z.string(),
  password: strippedSecret().optional(),
  username: z.string(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
};

function defaultOf(schema: z.ZodType | undefined): unknown {
  let current: unknown = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    if (current instanceof z.ZodDefault) return current.def.defaultValue;
    current = current.unwrap();
  }
  return undefined;
}

/**
 * Keeps the fields a native value actually sets: dlt counts a field as given by the native value only when
 * it differs from the spec default, so `postgresql://…:5432/…` leaves `port` open for a field-wise lookup.
 */
export function fieldsSetByNative(schema: FieldsSchema, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || !(key in schema.shape)) continue;
    if (isDeepStrictEqual(value, defaultOf(schema.shape[key] as z.ZodType))) continue;
    out[key] = value;
  }
  return out;
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface NativeParserOptions {
  /** Parse-time rewrites of the parsed fields (resolve-time fix-ups belong in the variant's `onResolved`). */
  normalize?: (fields: Record<string, unknown>) => Record<string, unknown>;
  /** Off for specs whose native form already is JSON: their own parse errors must stand. */
  jsonFallback?: boolean;
}

/**
 * Builds a `parseNative` for a spec: `parse` reads the native form; when it fails on a string that is a JSON
 * object, the object is taken field by field (dlt's fallback for config objects given as strings). The result
 * keeps only schema fields that differ from their defaults.
 */
export function nativeParser(
  schema: FieldsSchema,
  parse: (native: string) => Record<string, unknown>,
  options: NativeParserOptions = {},
): (native: string) => Record<string, unknown> {
  const { normalize = (fields: Record<string, unknown>) => fields, jsonFallback = true } = options;
  return (native: string) => {
    if (typeof native !== 'string') {
      throw new DlthubError(
        'ConfigValueCannotBeCoerced',
        `Expected a string as the native credentials value, got ${typeof native}.`,
      );
    }
    let fields: Record<string, unknown>;
    try {
      fields = parse(native);
    } catch (error) {
      // dlt: when the native form does not parse, a JSON object string is taken field by field.
      const object = jsonFallback && native.trim().startsWith('{') ? parseJsonObject(native) : undefined;
      if (!object) throw error;
      fields = object;
    }
    return fieldsSetByNative(schema, normalize(fields));
  };
}

/** A JSON object, or undefined when the text is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
