/**
 * dlt's `databricks` destination: `DatabricksClientConfiguration` with `DatabricksCredentials`: a SQL
 * warehouse (`server_hostname`, `http_path`) in a Unity `catalog`, signed in with a personal access token
 * or an OAuth service principal (`client_id`/`client_secret`). Only `catalog` is required at resolve time.
 * When neither a token nor the OAuth pair is given, or the warehouse is not named, dlt's `on_resolved` asks
 * the Databricks SDK on the loading machine (notebook context, `DATABRICKS_*` env, `~/.databrickscfg`), so
 * their absence cannot be judged here. `DatabricksCredentials` has no native form (no
 * `parse_native_representation`): the credentials are a table, never one connection string.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, dwhConfigShape } from '@dlthub/destination-kit';

/** dlt's `DATABRICKS_APPLICATION_ID`, sent as the connector's user agent. */
export const DATABRICKS_APPLICATION_ID = 'dltHub_dlt';

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

export const databricksDestination = defineDestination({
  type: 'databricks',
  description: 'Databricks SQL warehouse (Unity Catalog)',
  configSchema: databricksConfigSchema,
  credentialsSchemas: [
    {
      name: 'databricks',
      description: 'Databricks warehouse and catalog, signed in with an access token or an OAuth service principal',
      schema: databricksCredentialsSchema,
      secretFields: ['access_token', 'client_id', 'client_secret'],
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
