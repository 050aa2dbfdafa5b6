import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';

export const PLUGIN_NAME = '@dlthub/nx';

/** Whether nx.json already lists the plugin, as a string or as `{ plugin: '@dlthub/nx', ... }`. */
export function hasDlthubPlugin(tree: Tree): boolean {
  const plugins = readNxJson(tree)?.plugins ?? [];
  return plugins.some((entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME);
}

/** Adds `@dlthub/nx` to nx.json `plugins` once; returns false when it was already there. */
export function addDlthubPlugin(tree: Tree): boolean {
  if (hasDlthubPlugin(tree)) return false;
  const nxJson = readNxJson(tree) ?? {};
  nxJson.plugins = [...(nxJson.plugins ?? []), PLUGIN_NAME];
  updateNxJson(tree, nxJson);
  return true;
}
