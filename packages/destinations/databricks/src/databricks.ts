/**
 * dlt's `databricks` destination: `DatabricksClientConfiguration` with `DatabricksCredentials`: a SQL
 * warehouse (`server_hostname`, `http_path`) in a Unity `catalog`, signed in with a personal access token
 * or an OAuth service principal (`client_id`/`client_secret`). Without either, dlt asks the Databricks SDK
 * for the notebook or default login at connect time, so none of them is required here.
 */
import { z } from 'zod';
import { defineDestination, DlthubError } from '@dlthub/config-core';
import {
  CONFIGURE_ME,
  dwhConfigShape,
  nativeParser,
  parseConnectionUrl,
  redactConnectionUrl,
} from '@dlthub/destination-kit';

/** dlt's `DATABRICKS_APPLICATION_ID`, sent as the connector's user agent. */
export const DATABRICKS_APPLICATION_ID = 'dltHub_dlt';
const EXAMPLE = 'databricks://token:<access_token>@<server_hostname>?http_path=<http_path>&catalog=<catalog>';

export const databricksConfigSchema = z.object({
  ...dwhConfigShape,
  staging_credentials_name: z.string().optional(),
  is_staging_external_location: z.boolean().default(false),
  staging_volume_name: z.string().optional(),
  keep_staged_files: z.boolean().default(true),
  create_indexes: z.boolean().default(false),
});

export const databricksCredentialsSchema = z.object({
  catalog: z.string(),
  server_hostname: z.string().optional(),
  http_path: z.string().optional(),
  access_token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  http_headers: z.record(z.string(), z.string()).optional(),
  session_configuration: z.record(z.string(), z.unknown()).optional(),
  connection_parameters: z.record(z.string(), z.unknown()).optional(),
  socket_timeout: z.number().int().default(180),
  user_agent_entry: z.string().default(DATABRICKS_APPLICATION_ID),
});

/** The SQLAlchemy dialect's URL: the token as the password of user `token`, the rest in the query. */
function parseDatabricksUrl(native: string): Record<string, unknown> {
  const url = parseConnectionUrl(native, { example: EXAMPLE });
  if (url.drivername !== 'databricks') {
    throw new DlthubError(
      'ConfigValueCannotBeCoerced',
      `${JSON.stringify(redactConnectionUrl(native))} is not a databricks connection string (scheme "${url.drivername}").`,
      { hint: `Use the form ${EXAMPLE}.` },
    );
  }
  const { http_path: httpPath, catalog, client_id: clientId, client_secret: clientSecret } = url.query ?? {};
  return {
    server_hostname: url.host,
    http_path: httpPath,
    catalog: catalog ?? (url.database || undefined),
    access_token: url.username === 'token' ? url.password : undefined,
    client_id: clientId,
    client_secret: clientSecret,
  };
}

export const databricksDestination = defineDestination({
  type: 'databricks',
  description: 'Databricks SQL warehouse (Unity Catalog)',
  configSchema: databricksConfigSchema,
  credentialsSchemas: [
    {
      name: 'databricks',
      description: `Databricks warehouse and a token or service principal, field by field or as ${EXAMPLE}`,
      schema: databricksCredentialsSchema,
      secretFields: ['access_token', 'client_id', 'client_secret'],
      parseNative: nativeParser(databricksCredentialsSchema, parseDatabricksUrl),
    },
  ],
  scaffold: {
    dev: {
      config: {},
      credentials: {
        server_hostname: CONFIGURE_ME,
        http_path: CONFIGURE_ME,
        catalog: CONFIGURE_ME,
        access_token: CONFIGURE_ME,
      },
    },
    prod: {
      config: {},
      credentials: {
        server_hostname: CONFIGURE_ME,
        http_path: CONFIGURE_ME,
        catalog: CONFIGURE_ME,
        client_id: CONFIGURE_ME,
        client_secret: CONFIGURE_ME,
      },
    },
  },
  pythonRequirements: () => ['dlt[databricks]'],
});
