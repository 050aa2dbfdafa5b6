/**
 * dlt's custom sink, type `destination`: `CustomDestinationClientConfiguration`. Its loader is a Python
 * function decorated with `@dlt.destination`, named by `destination_callable` (`module.function`) when
 * configured by name. It has no credentials of its own: the function reads what it needs.
 */
import { z } from 'zod';
import { defineDestination } from '@dlthub/config-core';
import { CONFIGURE_ME, destinationConfigShape, LOADER_FILE_FORMATS } from '@dlthub/destination-kit';

export const destinationConfigSchema = z.object({
  ...destinationConfigShape,
  destination_callable: z.string().optional(),
  loader_file_format: z.enum(LOADER_FILE_FORMATS).default('typed-jsonl'),
  batch_size: z.number().int().default(10),
  skip_dlt_columns_and_tables: z.boolean().default(true),
  max_table_nesting: z.number().int().default(0),
});

export const destinationDestination = defineDestination({
  type: 'destination',
  description: 'Custom sink: a Python function decorated with @dlt.destination',
  configSchema: destinationConfigSchema,
  credentialsSchemas: [],
  scaffold: {
    dev: { config: { destination_callable: CONFIGURE_ME }, credentials: {} },
    prod: { config: { destination_callable: CONFIGURE_ME }, credentials: {} },
  },
  pythonRequirements: () => ['dlt'],
});
