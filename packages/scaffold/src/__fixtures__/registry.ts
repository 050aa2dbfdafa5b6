import { z } from 'zod';
import { createRegistry, defineDestination, definePlugin, defineProfile } from '@dlthub/config-core';
import type { Registry } from '@dlthub/config-core';

/** A small registry standing in for the built-in plugins: two destination types and dlt's four profiles. */
export function testRegistry(): Registry {
  const duckdb = defineDestination({
    type: 'duckdb',
    description: 'DuckDB file',
    configSchema: z.object({}),
    credentialsSchemas: [
      {
        name: 'path',
        description: 'database file',
        schema: z.object({ database: z.string().optional() }),
        secretFields: [],
      },
    ],
    scaffold: { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } },
    pythonRequirements: () => ['dlt[duckdb]'],
  });
  const postgres = defineDestination({
    type: 'postgres',
    description: 'PostgreSQL',
    configSchema: z.object({ dataset_name: z.string().optional() }),
    credentialsSchemas: [
      {
        name: 'connection_string',
        description: 'user/password',
        schema: z.object({
          database: z.string(),
          username: z.string(),
          password: z.string(),
          host: z.string(),
          port: z.number().int().default(5432),
        }),
        secretFields: ['password'],
      },
    ],
    scaffold: {
      dev: {
        config: {},
        credentials: { host: 'localhost', database: 'dev_db', username: 'loader', password: '<configure me>' },
      },
      prod: {
        config: { create_indexes: true },
        credentials: { host: '<configure me>', database: 'prod_db', password: '<configure me>' },
      },
    },
    pythonRequirements: () => ['dlt[postgres]'],
  });
  const filesystem = defineDestination({
    type: 'filesystem',
    description: 'Files in a bucket',
    configSchema: z.object({ bucket_url: z.string() }),
    credentialsSchemas: [],
    scaffold: {
      dev: { config: { bucket_url: 'file://./lake' }, credentials: {} },
      prod: { config: { bucket_url: 's3://bucket' }, credentials: {} },
    },
    pythonRequirements: (config) =>
      (typeof config.bucket_url === 'string' ? config.bucket_url : '').startsWith('gs://')
        ? ['dlt[filesystem]', 'gcsfs>=2022.4.0']
        : ['dlt[filesystem]'],
  });
  const profiles = [
    defineProfile({
      name: 'dev',
      scope: 'local',
      description: 'dev profile, workspace default',
      usedBy: 'local runs',
      isDefault: true,
    }),
    defineProfile({
      name: 'tests',
      scope: 'local',
      description: 'profile assumed when running tests',
      usedBy: 'tests',
    }),
    defineProfile({
      name: 'prod',
      scope: 'synced',
      description: 'production profile, assumed by pipelines deployed in Runtime',
      usedBy: 'batch jobs',
    }),
    defineProfile({
      name: 'access',
      scope: 'synced',
      description: 'production profile, assumed by interactive notebooks in Runtime',
      usedBy: 'interactive jobs',
      fallback: 'prod',
    }),
  ];
  return createRegistry([
    definePlugin({ name: 'test-plugins', destinations: [duckdb, postgres, filesystem], profiles }),
  ]);
}
