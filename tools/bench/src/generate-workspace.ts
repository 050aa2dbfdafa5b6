/**
 * A generated dltHub workspace for the config benchmark: N named destinations across three
 * destination shapes, four profiles (project and global files) and env overrides, plus a
 * registry with the matching destination types (defined here so the bench measures the engine,
 * not whichever plugins are installed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { createRegistry, defineDestination, definePlugin, type Registry } from '@dlthub/config-core';

export const BENCH_PROFILES = ['dev', 'prod', 'tests', 'access'] as const;
const TYPES = ['pgbench', 'duckbench', 'snowbench'] as const;

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };

export function benchRegistry(): Registry {
  const sqlCredentials = z.object({
    database: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    host: z.string().optional(),
    port: z.number().int().default(5432),
    connect_timeout: z.number().int().default(15),
    client_encoding: z.string().optional(),
  });
  const parseUrl = (native: string) => {
    const url = new URL(native);
    return {
      username: url.username,
      password: url.password,
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
    };
  };
  const pg = defineDestination({
    type: 'pgbench',
    description: 'postgres-shaped',
    configSchema: z.object({
      replace_strategy: z
        .enum(['truncate-and-insert', 'insert-from-staging', 'staging-optimized'])
        .default('truncate-and-insert'),
      create_indexes: z.boolean().default(true),
      csv_format: z.record(z.string(), z.unknown()).optional(),
    }),
    credentialsSchemas: [
      {
        name: 'fields',
        description: 'fields',
        schema: sqlCredentials,
        secretFields: ['password'],
        parseNative: parseUrl,
      },
    ],
    scaffold,
  });
  const duck = defineDestination({
    type: 'duckbench',
    description: 'duckdb-shaped',
    configSchema: z.object({ create_indexes: z.boolean().default(false) }),
    credentialsSchemas: [
      {
        name: 'file',
        description: 'file',
        schema: z.object({
          database: z.string().optional(),
          read_only: z.boolean().default(false),
          extensions: z.array(z.string()).optional(),
        }),
        secretFields: [],
        parseNative: (native: string) => ({ database: native }),
      },
    ],
    scaffold,
  });
  const snow = defineDestination({
    type: 'snowbench',
    description: 'snowflake-shaped',
    configSchema: z.object({ keep_staged_files: z.boolean().default(true), query_tag: z.string().optional() }),
    credentialsSchemas: [
      {
        name: 'fields',
        description: 'fields',
        schema: z.object({
          database: z.string().optional(),
          username: z.string().optional(),
          password: z.string().optional(),
          host: z.string().optional(),
          warehouse: z.string().optional(),
          role: z.string().optional(),
          private_key: z.string().optional(),
        }),
        secretFields: ['password', 'private_key'],
      },
    ],
    scaffold,
  });
  return createRegistry([definePlugin({ name: 'bench', destinations: [pg, duck, snow] })]);
}

export interface GeneratedWorkspace {
  rootDir: string;
  globalDir: string;
  env: Record<string, string>;
  destinationNames: string[];
  /** Every TOML file a profile reads (existing ones), per profile. */
  filesByProfile: Record<string, string[]>;
  totalTomlBytes: number;
}

function shapeOf(type: (typeof TYPES)[number]): keyof typeof BENCH_TYPES {
  return type === 'pgbench' ? 'postgres' : type === 'duckbench' ? 'duckdb' : 'snowflake';
}

function destinationName(index: number): string {
  return `dest_${String(index).padStart(3, '0')}`;
}

/** The destination type written for each of the three shapes: the bench registry's, or dlt's own. */
export const BENCH_TYPES = { postgres: 'pgbench', duckdb: 'duckbench', snowflake: 'snowbench' } as const;
export const REAL_TYPES = { postgres: 'postgres', duckdb: 'duckdb', snowflake: 'snowflake' } as const;

export function generateWorkspace(
  baseDir: string,
  destinationCount = 200,
  typeNames: Record<keyof typeof BENCH_TYPES, string> = BENCH_TYPES,
): GeneratedWorkspace {
  const rootDir = path.join(baseDir, 'bench-workspace');
  const settingsDir = path.join(rootDir, '.dlt');
  const globalDir = path.join(baseDir, 'global-dlt');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.mkdirSync(globalDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, '.workspace'), '');

  const names = Array.from({ length: destinationCount }, (_, index) => destinationName(index));
  const typeOf = (index: number) => TYPES[index % TYPES.length];
  const config: string[] = [
    '# generated for the config benchmark',
    '[runtime]',
    'log_level = "WARNING"',
    '',
    '[destination]',
    'replace_strategy = "insert-from-staging"',
    '',
  ];
  const secrets: string[] = ['# generated secrets'];
  names.forEach((name, index) => {
    config.push(
      `[destination.${name}]`,
      `destination_type = "${typeNames[shapeOf(typeOf(index))]}"`,
      `create_indexes = ${index % 2 === 0}`,
      '',
    );
    if (typeOf(index) === 'pgbench')
      secrets.push(`[destination.${name}.credentials]`, `username = "loader_${index}"`, 'port = 5432', '');
  });
  fs.writeFileSync(path.join(settingsDir, 'config.toml'), config.join('\n'));
  fs.writeFileSync(path.join(settingsDir, 'secrets.toml'), secrets.join('\n'));

  for (const profile of BENCH_PROFILES) {
    const profileConfig: string[] = [`# ${profile} profile`];
    const profileSecrets: string[] = [`# ${profile} secrets`];
    names.forEach((name, index) => {
      const type = typeOf(index);
      if (type === 'pgbench') {
        profileConfig.push(
          `[destination.${name}.credentials]`,
          `host = "${profile}-db-${index}.internal"`,
          `database = "${profile}_dwh"`,
          '',
        );
        if (index % 5 === 0)
          profileSecrets.push(
            `[destination.${name}]`,
            `credentials = "postgresql://u${index}:pw${index}@${profile}-h${index}:5433/db${index}"`,
            '',
          );
        else profileSecrets.push(`[destination.${name}.credentials]`, `password = "${profile}-secret-${index}"`, '');
      } else if (type === 'duckbench') {
        profileSecrets.push(
          `[destination.${name}.credentials]`,
          `database = "${profile}/${name}.duckdb"`,
          `extensions = ["spatial", "httpfs"]`,
          '',
        );
      } else {
        profileSecrets.push(
          `[destination.${name}.credentials]`,
          `database = "${profile.toUpperCase()}_DB"`,
          `username = "LOADER_${index}"`,
          `password = "${profile}-pw-${index}"`,
          `host = "acct-${index}.eu-central-1"`,
          `warehouse = "WH_${index % 7}"`,
          `role = "ROLE_${profile.toUpperCase()}"`,
          '',
        );
        profileConfig.push(`[destination.${name}]`, `query_tag = "${profile}-${name}"`, '');
      }
    });
    fs.writeFileSync(path.join(settingsDir, `${profile}.config.toml`), profileConfig.join('\n'));
    fs.writeFileSync(path.join(settingsDir, `${profile}.secrets.toml`), profileSecrets.join('\n'));
    fs.writeFileSync(
      path.join(globalDir, `${profile}.config.toml`),
      `[runtime]\nrequest_timeout = 30\n[destination]\ncreate_indexes = true\n`,
    );
  }
  fs.writeFileSync(path.join(globalDir, 'config.toml'), '[runtime]\ndlthub_telemetry = false\n');
  fs.writeFileSync(path.join(globalDir, 'secrets.toml'), '[runtime]\nauth_token = "bench-token"\n');

  // Env overrides: every 10th destination gets a password and a typed field from the environment.
  const env: Record<string, string> = { HOME: baseDir };
  names.forEach((name, index) => {
    if (index % 10 !== 0) return;
    const upper = name.toUpperCase();
    env[`DESTINATION__${upper}__CREDENTIALS__PASSWORD`] = `env-pw-${index}`;
    env[`DESTINATION__${upper}__CREATE_INDEXES`] = index % 20 === 0 ? 'yes' : 'no';
    if (typeOf(index) === 'pgbench') env[`DESTINATION__${upper}__CREDENTIALS__PORT`] = '0x1F90';
  });

  const filesByProfile: Record<string, string[]> = {};
  let totalTomlBytes = 0;
  for (const profile of BENCH_PROFILES) {
    filesByProfile[profile] = [
      path.join(settingsDir, `${profile}.secrets.toml`),
      path.join(settingsDir, 'secrets.toml'),
      path.join(globalDir, `${profile}.secrets.toml`),
      path.join(globalDir, 'secrets.toml'),
      path.join(settingsDir, `${profile}.config.toml`),
      path.join(settingsDir, 'config.toml'),
      path.join(globalDir, `${profile}.config.toml`),
      path.join(globalDir, 'config.toml'),
    ].filter((file) => fs.existsSync(file));
    totalTomlBytes += filesByProfile[profile].reduce((sum, file) => sum + fs.statSync(file).size, 0);
  }
  return { rootDir, globalDir, env, destinationNames: names, filesByProfile, totalTomlBytes };
}
