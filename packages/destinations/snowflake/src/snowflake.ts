/**
 * dlt's `snowflake` destination: `SnowflakeClientConfiguration` with `SnowflakeCredentials`. One spec
 * covers password, key-pair (`private_key` / `private_key_path`) and OAuth (`authenticator` + `token`)
 * logins, as in dlt; `host` is the account identifier.
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  redactConnectionUrl,
  strippedSecret,
  stripPassword,
} from '@dlthub/destination-kit';

const EXAMPLE = 'snowflake://user:password@account/database?warehouse=WH&role=ROLE';

/** dlt's `SNOWFLAKE_APPLICATION_ID`, sent to Snowflake to identify the loader. */
export const SNOWFLAKE_APPLICATION_ID = 'dltHub_dlt';

export const snowflakeConfigSchema = z.object({
  ...dwhConfigShape,
  stage_name: z.string().optional(),
  keep_staged_files: z.boolean().default(true),
  query_tag: z.string().optional(),
  create_indexes: z.boolean().default(false),
  use_vectorized_scanner: z.boolean().default(false),
});

export const snowflakeCredentialsSchema = z.object({
  drivername: z.string().default('snowflake'),
  host: z.string(),
  database: z.string(),
  username: z.string().optional(),
  password: strippedSecret().optional(),
  warehouse: z.string().optional(),
  role: z.string().optional(),
  authenticator: z.string().optional(),
  token: z.string().optional(),
  private_key: z.string().optional(),
  private_key_path: z.string().optional(),
  private_key_passphrase: z.string().optional(),
  application: z.string().default(SNOWFLAKE_APPLICATION_ID),
  port: z.number().int().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});

/** Query parameters dlt lifts into their own credentials fields. */
const QUERY_FIELDS = [
  'warehouse',
  'role',
  'authenticator',
  'token',
  'private_key',
  'private_key_path',
  'private_key_passphrase',
] as const;

function parseSnowflakeUrl(native: string): Record<string, unknown> {
  const { drivername, query, ...fields } = parseConnectionUrl(native, { example: EXAMPLE });
  if (drivername !== 'snowflake') {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `${JSON.stringify(redactConnectionUrl(native))} is not a snowflake connection string (scheme "${drivername}").`,
      { hint: `Use the form ${EXAMPLE}.` },
    );
  }
  const parsed: Record<string, unknown> = { ...fields };
  if (query) {
    const rest: Record<string, string> = { ...query };
    for (const field of QUERY_FIELDS) {
      if (rest[field] !== undefined) {
        parsed[field] = rest[field];
        delete rest[field];
      }
    }
    if (Object.keys(rest).length > 0) parsed.query = rest;
  }
  return parsed;
}

/** Same placeholders in every profile: dlt needs the account, a login and a warehouse whatever the profile. */
const scaffoldCredentials = {
  database: CONFIGURE_ME,
  password: CONFIGURE_ME,
  username: CONFIGURE_ME,
  host: CONFIGURE_ME,
  warehouse: CONFIGURE_ME,
  role: CONFIGURE_ME,
};

export const snowflakeDestination = defineDestination({
  type: 'snowflake',
  description: 'Snowflake data warehouse',
  configSchema: snowflakeConfigSchema,
  credentialsSchemas: [
    {
      name: 'connection_string',
      description: `Snowflake account, database and a password, key pair or OAuth token; field by field or as ${EXAMPLE}`,
      schema: snowflakeCredentialsSchema,
      secretFields: ['password', 'private_key', 'private_key_passphrase'],
      onResolved: stripPassword,
      parseNative: nativeParser(snowflakeCredentialsSchema, parseSnowflakeUrl),
    },
  ],
  scaffold: {
    dev: {
      config: {},
      credentials: scaffoldCredentials,
    },
    prod: {
      config: {},
      credentials: scaffoldCredentials,
    },
  },
  pythonRequirements: () => ['dlt[snowflake]'],
});
