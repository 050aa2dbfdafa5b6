/**
 * dlt's `motherduck` destination: `MotherDuckClientConfiguration` with `MotherDuckCredentials`
 * (duckdb options plus database `my_db`, the service token in `password`, username `motherduck`).
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  duckdbOptionsShape,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  redactConnectionUrl,
  strippedSecret,
  stripPassword,
  urlScheme,
} from '@dlthub/destination-kit';

const EXAMPLE = 'md:///<database>?motherduck_token=<token>';

export const motherduckConfigSchema = z.object({
  ...dwhConfigShape,
  create_indexes: z.boolean().default(false),
});

export const motherduckCredentialsSchema = z.object({
  drivername: z.string().default('md'),
  database: z.string().default('my_db'),
  password: strippedSecret(),
  username: z.string().default('motherduck'),
  custom_user_agent: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
  ...duckdbOptionsShape,
});

/** `md:<db>` and `md:///<db>`; a `token` or `motherduck_token` query parameter becomes the password (dlt). */
function parseMotherduckNative(native: string): Record<string, unknown> {
  let url = native;
  if (url.startsWith('md:') && !url.startsWith('md:/')) url = `md:///${url.slice(3)}`;
  const scheme = urlScheme(url);
  if (scheme === null) {
    // dlt accepts a bare database name here, as duckdb accepts a bare file path.
    if (url.trim().length === 0) throw emptyDatabase(native);
    return { database: url };
  }
  if (scheme !== 'md') {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `A "${scheme}://" string is not a MotherDuck connection string.`,
      {
        hint: `Use ${EXAMPLE}.`,
      },
    );
  }
  const { drivername: _drivername, query, ...fields } = parseConnectionUrl(url, { example: EXAMPLE });
  if (!fields.database) throw emptyDatabase(native);
  const parsed: Record<string, unknown> = { ...fields };
  if (query) {
    const { token, motherduck_token: motherduckToken, ...rest } = query;
    const password = motherduckToken ?? token;
    if (password !== undefined) parsed.password = password;
    if (Object.keys(rest).length > 0) parsed.query = rest;
  }
  return parsed;
}

function emptyDatabase(native: string): DlthubError {
  return new DlthubError(
    'ConfigValueCannotBeCoerced',
    `The MotherDuck connection string ${JSON.stringify(redactConnectionUrl(native))} names no database.`,
    { hint: `Use ${EXAMPLE}.` },
  );
}

export const motherduckDestination = defineDestination({
  type: 'motherduck',
  description: 'MotherDuck (DuckDB in the cloud)',
  configSchema: motherduckConfigSchema,
  credentialsSchemas: [
    {
      name: 'connection_string',
      description: `MotherDuck database and service token (password), field by field or as ${EXAMPLE}`,
      schema: motherduckCredentialsSchema,
      secretFields: ['password'],
      onResolved: stripPassword,
      parseNative: nativeParser(motherduckCredentialsSchema, parseMotherduckNative),
    },
  ],
  scaffold: {
    dev: { config: {}, credentials: { database: CONFIGURE_ME, password: CONFIGURE_ME } },
    prod: { config: {}, credentials: { database: CONFIGURE_ME, password: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[motherduck]'],
});
