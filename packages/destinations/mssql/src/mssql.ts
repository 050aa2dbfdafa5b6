/**
 * dlt's `mssql` destination: `MsSqlClientConfiguration` with `MsSqlCredentials` (ODBC login to SQL
 * Server). dlt lower-cases the query keys of a connection string, lifts `driver` and `connect_timeout`
 * from it, and once the credentials are complete checks the driver and lower-cases the database name.
 */
import { z } from 'zod';
import { defineDestination, FieldValueRejected } from '@dlthub/config-core';
import { connectionStringVariant, serverScaffold, dwhConfigShape, strippedSecret } from '@dlthub/destination-kit';

const EXAMPLE = 'mssql://user:password@host:1433/database?driver=ODBC+Driver+18+for+SQL+Server';

export const mssqlConfigShape = {
  ...dwhConfigShape,
  create_indexes: z.boolean().default(false),
  has_case_sensitive_identifiers: z.boolean().default(false),
};

export const mssqlConfigSchema = z.object(mssqlConfigShape);

export const mssqlCredentialsShape = {
  drivername: z.string().default('mssql'),
  database: z.string(),
  username: z.string(),
  password: strippedSecret(),
  host: z.string(),
  port: z.number().int().default(1433),
  connect_timeout: z.number().int().default(30),
  /** The ODBC driver; dlt picks an installed supported one when it is not set. */
  driver: z.string().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
};

export const mssqlCredentialsSchema = z.object(mssqlCredentialsShape);

/** The ODBC drivers dlt's `MsSqlCredentials` accepts (`SUPPORTED_DRIVERS`), preferred first. */
export const SUPPORTED_ODBC_DRIVERS = ['ODBC Driver 18 for SQL Server', 'ODBC Driver 17 for SQL Server'] as const;

/**
 * dlt's `MsSqlCredentials.on_resolved`, run only once the credentials are complete: a configured driver must
 * be one of the spec's `SUPPORTED_DRIVERS`, and the database name is used lower-cased. A driver left unset
 * stays unset: dlt picks an installed supported driver on the machine that loads (`on_partial`), which is not
 * this one.
 */
export function odbcCredentialsResolver(supportedDrivers: readonly string[]) {
  return (fields: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const { driver } = fields;
    if (typeof driver === 'string' && !supportedDrivers.includes(driver)) {
      throw new FieldValueRejected(
        'driver',
        `is not a supported ODBC driver; use ${supportedDrivers.length > 1 ? 'one of: ' : ''}${supportedDrivers.join(', ')}`,
      );
    }
    return typeof fields.database === 'string' ? { ...fields, database: fields.database.toLowerCase() } : { ...fields };
  };
}

export interface OdbcVariantOptions {
  type: string;
  schema: z.ZodObject<z.ZodRawShape>;
  schemes: RegExp;
  /** The spec's `SUPPORTED_DRIVERS` (synapse narrows mssql's list). */
  supportedDrivers: readonly string[];
}

/** The `connection_string` variant of an ODBC spec (mssql, synapse). */
export function odbcCredentialsVariant({ type, schema, schemes, supportedDrivers }: OdbcVariantOptions) {
  return connectionStringVariant({
    type,
    description: `${type} login over ODBC`,
    schema,
    schemes,
    example: EXAMPLE.replace('mssql://', `${type}://`),
    queryFields: { driver: 'string', connect_timeout: 'int' },
    lowerCaseQuery: true,
    onResolved: odbcCredentialsResolver(supportedDrivers),
  });
}

export const mssqlDestination = defineDestination({
  type: 'mssql',
  description: 'Microsoft SQL Server',
  configSchema: mssqlConfigSchema,
  credentialsSchemas: [
    odbcCredentialsVariant({
      type: 'mssql',
      schema: mssqlCredentialsSchema,
      schemes: /^mssql(\+\w+)?$/,
      supportedDrivers: SUPPORTED_ODBC_DRIVERS,
    }),
  ],
  scaffold: serverScaffold,
  pythonRequirements: () => ['dlt[mssql]'],
});
