/**
 * dlt's `sqlalchemy` destination: `SqlalchemyClientConfiguration` with `SqlalchemyCredentials`, any
 * SQLAlchemy URL (`mysql+pymysql://…`, `sqlite:///file.db`, …). The URL's scheme is the driver name.
 * `engine_kwargs` (and the deprecated `engine_args`) can be set on both; the destination's are handed to
 * the credentials once everything resolved.
 */
import { z } from 'zod';
import { defineDestination, FieldValueRejected, type ResolvedFields } from '@dlthub/config-core';
import { CONFIGURE_ME, connectionStringVariant, dwhShape, sqlalchemyCredentialsShape } from '@dlthub/destination-kit';

export const sqlalchemyConfigSchema = z.object({
  ...dwhShape,
  create_unique_indexes: z.boolean().default(false),
  create_primary_keys: z.boolean().default(false),
  engine_kwargs: z.record(z.string(), z.unknown()).default({}),
  engine_args: z.record(z.string(), z.unknown()).default({}),
});

export const sqlalchemyCredentialsSchema = z.object({
  ...sqlalchemyCredentialsShape,
  engine_kwargs: z.record(z.string(), z.unknown()).optional(),
  engine_args: z.record(z.string(), z.unknown()).optional(),
});

const isFilled = (value: unknown) => value !== null && typeof value === 'object' && Object.keys(value).length > 0;

/**
 * dlt's `SqlalchemyClientConfiguration.on_resolved` (dlt/destinations/impl/sqlalchemy/configuration.py):
 * `engine_kwargs` and the deprecated `engine_args` together are refused; `engine_args` alone stands in for
 * `engine_kwargs`; the destination's `engine_kwargs` go to credentials that have none of their own.
 */
export function handOverEngineKwargs({ config, credentials }: ResolvedFields): ResolvedFields {
  if (isFilled(config.engine_kwargs?.value) && isFilled(config.engine_args?.value)) {
    throw new FieldValueRejected('engine_args', 'cannot be given together with engine_kwargs; use engine_kwargs only');
  }
  const fixedConfig = { ...config };
  if (isFilled(config.engine_args?.value) && config.engine_args) fixedConfig.engine_kwargs = config.engine_args;
  const fixedCredentials = { ...credentials };
  if (isFilled(fixedConfig.engine_kwargs?.value) && !isFilled(credentials.engine_kwargs?.value)) {
    fixedCredentials.engine_kwargs = fixedConfig.engine_kwargs!;
  }
  return { config: fixedConfig, credentials: fixedCredentials };
}

export const sqlalchemyDestination = defineDestination({
  type: 'sqlalchemy',
  description: 'Any database SQLAlchemy connects to (MySQL, SQLite, Oracle, …)',
  configSchema: sqlalchemyConfigSchema,
  credentialsSchemas: [
    connectionStringVariant({
      type: 'sqlalchemy',
      description: 'SQLAlchemy database URL',
      schema: sqlalchemyCredentialsSchema,
      schemes: /^[A-Za-z][\w+]*$/,
      example: 'mysql+pymysql://user:password@host:3306/database',
      keepDrivername: true,
    }),
  ],
  scaffold: {
    // A local SQLite file needs no login.
    dev: { config: {}, credentials: { drivername: 'sqlite' } },
    prod: {
      config: {},
      credentials: {
        drivername: CONFIGURE_ME,
        database: CONFIGURE_ME,
        username: CONFIGURE_ME,
        password: CONFIGURE_ME,
        host: CONFIGURE_ME,
      },
    },
  },
  onResolved: handOverEngineKwargs,
  pythonRequirements: () => ['dlt[sqlalchemy]'],
});
