/** config-core, required on first use (keeps `--version` and parse errors from loading it). */
export function core(): typeof import('@dlthub/config-core') {
  return require('@dlthub/config-core') as typeof import('@dlthub/config-core');
}
