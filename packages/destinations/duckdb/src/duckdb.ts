/**
 * dlt's `duckdb` destination: `DuckDbClientConfiguration` with `DuckDbCredentials`. Without a `database`
 * dlt puts the file in the profile's local data dir, named after the destination (reference §2.5).
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  duckdbOptionsShape,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  strippedSecret,
  stripPassword,
  urlScheme,
} from '@dlthub/destination-kit';

export const duckdbConfigSchema = z.object({
  ...dwhConfigShape,
  create_indexes: z.boolean().default(false),
});

export const duckdbCredentialsSchema = z.object({
  drivername: z.string().default('duckdb'),
  database: z.string().optional(),
  password: strippedSecret().optional(),
  username: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
  ...duckdbOptionsShape,
});

const EXAMPLE = '"duckdb:///path/to/file.duckdb", a file path, or ":pipeline:"';

/** A string dlt accepts as a database file path (pathvalidate's rule, reduced to what matters: no control characters). */
function isFilePath(value: string): boolean {
  return value.trim().length > 0 && !/[\u0000-\u001f]/.test(value);
}

function parseDuckdbNative(native: string): Record<string, unknown> {
  if (native === ':memory:') {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      'An in-memory duckdb database (":memory:") cannot be a destination.',
      {
        hint: 'Give a database file path; data loaded into memory would be gone when the pipeline ends.',
      },
    );
  }
  const scheme = urlScheme(native);
  if (scheme === null) {
    if (native === ':pipeline:' || isFilePath(native)) return { database: native };
    throw new DlthubError('ConfigValueCannotBeCoerced', 'The duckdb credentials string is not a valid file path.', {
      hint: `Use ${EXAMPLE}.`,
    });
  }
  if (scheme !== 'duckdb') {
    throw new DlthubError('ConfigValueCannotBeCoerced', `A "${scheme}://" string is not a duckdb database.`, {
      hint: `Use ${EXAMPLE}${scheme === 'md' ? ', or destination_type = "motherduck" for MotherDuck' : ''}.`,
    });
  }
  const { drivername: _drivername, ...fields } = parseConnectionUrl(native, {
    example: 'duckdb:///path/to/file.duckdb',
  });
  return fields;
}

export const duckdbDestination = defineDestination({
  type: 'duckdb',
  description: 'DuckDB database file, local to the profile',
  configSchema: duckdbConfigSchema,
  credentialsSchemas: [
    {
      name: 'connection_string',
      description: `DuckDB database: ${EXAMPLE}, plus connection options`,
      schema: duckdbCredentialsSchema,
      secretFields: ['password'],
      onResolved: stripPassword,
      parseNative: nativeParser(duckdbCredentialsSchema, parseDuckdbNative),
    },
  ],
  // The database file defaults to the profile's local data dir, so no profile needs credentials.
  scaffold: { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } },
  pythonRequirements: () => ['dlt[duckdb]'],
});
