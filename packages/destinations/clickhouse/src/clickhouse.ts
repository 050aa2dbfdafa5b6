/**
 * dlt's `clickhouse` destination: `ClickHouseClientConfiguration` (table engine, dataset separator and
 * sentinel table) with `ClickHouseCredentials`, a connection string whose query may carry `secure`,
 * `connect_timeout` and `send_receive_timeout`.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, connectionStringVariant, dwhConfigShape, strippedSecret } from '@dlthub/destination-kit';

const EXAMPLE = 'clickhouse://default:password@host:9440/default?secure=1';

/** dlt's `TTableEngineType`. */
export const CLICKHOUSE_TABLE_ENGINES = ['merge_tree', 'shared_merge_tree', 'replicated_merge_tree'] as const;

export const clickhouseConfigSchema = z.object({
  ...dwhConfigShape,
  dataset_table_separator: z.string().default('___'),
  table_engine_type: z.enum(CLICKHOUSE_TABLE_ENGINES).default('merge_tree'),
  dataset_sentinel_table_name: z.string().default('dlt_sentinel_table'),
});

export const clickhouseCredentialsSchema = z.object({
  drivername: z.string().default('clickhouse'),
  host: z.string(),
  port: z.number().int().default(9440),
  http_port: z.number().int().default(8443),
  username: z.string().default('default'),
  database: z.string().default('default'),
  password: strippedSecret().optional(),
  /** dlt's `TSecureConnection`: 1 for TLS, 0 for plain. */
  secure: z.union([z.literal(0), z.literal(1)]).default(1),
  connect_timeout: z.number().int().default(15),
  send_receive_timeout: z.number().int().default(300),
  /** GCS interoperability (HMAC) keys for loading from a gcs bucket; dlt types them as plain text. */
  gcp_access_key_id: z.string().optional(),
  gcp_secret_access_key: z.string().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});

export const clickhouseDestination = defineDestination({
  type: 'clickhouse',
  description: 'ClickHouse',
  configSchema: clickhouseConfigSchema,
  credentialsSchemas: [
    connectionStringVariant({
      type: 'clickhouse',
      description: 'ClickHouse server login',
      schema: clickhouseCredentialsSchema,
      schemes: /^clickhouse(\+\w+)?$/,
      example: EXAMPLE,
      queryFields: { connect_timeout: 'int', send_receive_timeout: 'int', secure: 'int' },
    }),
  ],
  scaffold: {
    dev: {
      config: {},
      credentials: { host: 'localhost', port: 9000, http_port: 8123, secure: 0, password: CONFIGURE_ME },
    },
    prod: { config: {}, credentials: { host: CONFIGURE_ME, username: CONFIGURE_ME, password: CONFIGURE_ME } },
  },
  pythonRequirements: () => ['dlt[clickhouse]'],
});
