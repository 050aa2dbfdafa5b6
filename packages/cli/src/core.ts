/**
 * config-core, required on first use. `--version` and parse errors never load it; the read path
 * (`config get`, `config show`, …) loads only `@dlthub/config-core/read` (`workspaceCore`), because the
 * package entry also loads the registry and with it zod, which alone costs more than Node's own start-up.
 */
type ConfigCore = typeof import('@dlthub/config-core');

export function core(): ConfigCore {
  return require('@dlthub/config-core') as ConfigCore;
}

export type WorkspaceCore = typeof import('@dlthub/config-core/read');

/** The workspace-reading part of config-core (`@dlthub/config-core/read`): no registry, no zod. */
export function workspaceCore(): WorkspaceCore {
  return require('@dlthub/config-core/read') as WorkspaceCore;
}
