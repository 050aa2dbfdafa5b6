/**
 * dlt's `sqlalchemy` destination: `SqlalchemyClientConfiguration` with `SqlalchemyCredentials`, any
 * SQLAlchemy URL (`mysql+pymysql://…`, `sqlite:///file.db`, …). The URL's scheme is the driver name.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
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
  pythonRequirements: () => ['dlt[sqlalchemy]'],
});
