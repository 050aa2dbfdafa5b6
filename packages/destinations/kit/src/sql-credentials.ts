/**
 * Credentials variants built on dlt's `ConnectionStringCredentials`: fields one by one, or one SQLAlchemy
 * URL (`driver://user:password@host:port/database?key=value`) as the native form. dlt keeps the whole query
 * in `query` and lifts some parameters into their own fields (postgres' `connect_timeout`, clickhouse's
 * `secure`, …); the password is whitespace-stripped once the credentials are complete.
 */
import { z } from 'zod';
import type { CredentialsVariant, FieldsSchema } from '@dlthub/config-core';
import { DlthubError } from '@dlthub/config-core';
import { parseConnectionUrl, redactConnectionUrl } from './connection-url';
import { nativeParser, strippedSecret, stripPassword } from './fields';

/** `ConnectionStringCredentials` as dlt declares it: every part optional but the driver, database and user. */
export const sqlalchemyCredentialsShape = {
  drivername: z.string(),
  database: z.string().optional(),
  password: strippedSecret().optional(),
  username: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
};

export type QueryFieldKind = 'int' | 'string';

export interface ConnectionStringVariantOptions {
  /** dlt's type name, for messages (`redshift`, `clickhouse`, …). */
  type: string;
  description: string;
  schema: FieldsSchema;
  /** URL schemes this spec accepts (SQLAlchemy's `driver+dialect` forms included). */
  schemes: RegExp;
  /** Example shown in hints, e.g. `redshift://user:password@host:5439/database`. */
  example: string;
  secretFields?: readonly string[];
  /** Query parameters dlt reads into fields of their own (they stay in `query` too, as in dlt). */
  queryFields?: Readonly<Record<string, QueryFieldKind>>;
  /** Query keys are matched case-insensitively (mssql lower-cases them). */
  lowerCaseQuery?: boolean;
  /** The URL's scheme is kept as `drivername` (generic SQLAlchemy credentials). */
  keepDrivername?: boolean;
  /** Fix-ups dlt applies to complete credentials besides the password strip. */
  onResolved?: (fields: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

function liftQueryField(key: string, raw: string, kind: QueryFieldKind, example: string): unknown {
  if (kind === 'string') return raw;
  if (!/^\s*\d+\s*$/.test(raw)) {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `${key}=${JSON.stringify(raw)} in the connection string is not an integer.`,
      { hint: `Use the form ${example}.` },
    );
  }
  return Number(raw);
}

/** Parses a connection URL for one spec: scheme check, query lifting; throws without echoing the password. */
export function connectionStringParser(
  options: Pick<
    ConnectionStringVariantOptions,
    'type' | 'schemes' | 'example' | 'queryFields' | 'lowerCaseQuery' | 'keepDrivername'
  >,
): (native: string) => Record<string, unknown> {
  return (native) => {
    const { drivername, query: rawQuery, ...fields } = parseConnectionUrl(native, { example: options.example });
    if (!options.schemes.test(drivername)) {
      throw new DlthubError(
        'ConfigValueCannotBeCoerced',
        `${JSON.stringify(redactConnectionUrl(native))} is not a ${options.type} connection string (scheme "${drivername}").`,
        { hint: `Use the form ${options.example}.` },
      );
    }
    const query =
      rawQuery && options.lowerCaseQuery
        ? Object.fromEntries(Object.entries(rawQuery).map(([key, value]) => [key.toLowerCase(), value]))
        : rawQuery;
    const parsed: Record<string, unknown> = { ...fields, query };
    if (options.keepDrivername) parsed.drivername = drivername;
    for (const [key, kind] of Object.entries(options.queryFields ?? {})) {
      const raw = query?.[key];
      if (raw !== undefined) parsed[key] = liftQueryField(key, raw, kind, options.example);
    }
    return parsed;
  };
}

/** A `ConnectionStringCredentials` variant named `connection_string`: fields, or one URL. */
export function connectionStringVariant(options: ConnectionStringVariantOptions): CredentialsVariant {
  const extra = options.onResolved;
  return {
    name: 'connection_string',
    description: `${options.description}, field by field or as one connection string (${options.example})`,
    schema: options.schema,
    secretFields: options.secretFields ?? ['password'],
    parseNative: nativeParser(options.schema, connectionStringParser(options)),
    onResolved: extra ? (fields) => extra(stripPassword(fields)) : stripPassword,
  };
}
