/**
 * dlt's `postgres` destination: `PostgresClientConfiguration` with `PostgresCredentials`
 * (a `ConnectionStringCredentials` with port 5432 and connect_timeout 15 by default).
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  serverScaffold,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  redactConnectionUrl,
  strippedSecret,
  stripPassword,
} from '@dlthub/destination-kit';

const EXAMPLE = 'postgresql://user:password@host:5432/database?connect_timeout=15';

export const postgresConfigSchema = z.object({
  ...dwhConfigShape,
  create_indexes: z.boolean().default(true),
});

/** `PostgresCredentials`: `ConnectionStringCredentials` with dlt's postgres defaults. */
export const postgresCredentialsSchema = z.object({
  drivername: z.string().default('postgresql'),
  database: z.string(),
  password: strippedSecret(),
  username: z.string(),
  host: z.string(),
  port: z.number().int().default(5432),
  query: z.record(z.string(), z.unknown()).optional(),
  connect_timeout: z.number().int().default(15),
  client_encoding: z.string().optional(),
});

/** `postgresql://` and `postgres://`, with or without a `+driver` suffix, as SQLAlchemy accepts them. */
const POSTGRES_SCHEME = /^postgres(ql)?(\+\w+)?$/;

function parsePostgresUrl(native: string): Record<string, unknown> {
  const url = parseConnectionUrl(native, { example: EXAMPLE });
  if (!POSTGRES_SCHEME.test(url.drivername)) {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `${JSON.stringify(redactConnectionUrl(native))} is not a postgres connection string (scheme "${url.drivername}").`,
      { hint: `Use the form ${EXAMPLE}.` },
    );
  }
  const { drivername: _drivername, query, ...fields } = url;
  const parsed: Record<string, unknown> = { ...fields, query };
  // dlt reads these two from the query string into their own fields.
  if (query?.connect_timeout !== undefined) {
    if (!/^\s*\d+\s*$/.test(query.connect_timeout)) {
      throw new DlthubError(
        'ConfigValueCannotBeCoerced',
        `connect_timeout=${JSON.stringify(query.connect_timeout)} in the connection string is not an integer.`,
        { hint: `Use the form ${EXAMPLE}.` },
      );
    }
    parsed.connect_timeout = Number(query.connect_timeout);
  }
  if (query?.client_encoding !== undefined) parsed.client_encoding = query.client_encoding;
  return parsed;
}

export const postgresDestination = defineDestination({
  type: 'postgres',
  description: 'PostgreSQL database',
  configSchema: postgresConfigSchema,
  credentialsSchemas: [
    {
      name: 'connection_string',
      description: `PostgreSQL credentials, field by field or as one connection string (${EXAMPLE})`,
      schema: postgresCredentialsSchema,
      secretFields: ['password'],
      parseNative: nativeParser(postgresCredentialsSchema, parsePostgresUrl),
      onResolved: stripPassword,
    },
  ],
  scaffold: serverScaffold,
  pythonRequirements: () => ['dlt[postgres]'],
});
