/**
 * `dlthub.plugins` of a package.json: the list of plugin modules the CLI and the generators load.
 * One rule for adding to it, shared by the destination-plugin generator (the CLI's `plugin add` has
 * the same behaviour): keep what is there, append once, leave every other key alone.
 */
export interface WithDlthubPlugins {
  dlthub?: { plugins?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

export function addPluginSpecifier<T extends WithDlthubPlugins>(json: T, specifier: string): T {
  const current = Array.isArray(json.dlthub?.plugins) ? (json.dlthub.plugins as unknown[]) : [];
  if (current.includes(specifier)) return json;
  return { ...json, dlthub: { ...json.dlthub, plugins: [...current, specifier] } };
}
