/**
 * config-core, required on first use. `--version` and parse errors never load it; the read path
 * (`config get`, `config show`, …) loads only the modules it uses (`workspaceCore`), because the
 * package entry also loads the registry and with it zod, which alone costs more than Node's own start-up.
 */
type ConfigCore = typeof import('@dlthub/config-core');

export function core(): ConfigCore {
  return require('@dlthub/config-core') as ConfigCore;
}

export type WorkspaceCore = Pick<
  ConfigCore,
  'openWorkspace' | 'DlthubError' | 'isDlthubError' | 'maskSecret' | 'isValidProfileName' | 'DEFAULT_PROFILE' | 'isWorkspaceDir'
>;

let workspaceCoreModules: WorkspaceCore | undefined;

/**
 * The workspace-reading part of config-core: only the modules it needs, not the package entry. The
 * deep paths below are not in config-core's `exports`; the CLI bundle (scripts/bundle.js) hands out
 * the very modules the entry re-exports, so `instanceof DlthubError` holds across both. Anywhere else
 * (running from sources or tsc output) they do not resolve and the package entry is used instead.
 */
export function workspaceCore(): WorkspaceCore {
  if (workspaceCoreModules) return workspaceCoreModules;
  try {
    const modules = {
      ...(require('@dlthub/config-core/dist/errors.js') as Partial<ConfigCore>),
      ...(require('@dlthub/config-core/dist/mask.js') as Partial<ConfigCore>),
      ...(require('@dlthub/config-core/dist/profile.js') as Partial<ConfigCore>),
      ...(require('@dlthub/config-core/dist/workspace.js') as Partial<ConfigCore>),
    };
    const names: Array<keyof WorkspaceCore> = ['openWorkspace', 'DlthubError', 'isDlthubError', 'maskSecret', 'isValidProfileName', 'DEFAULT_PROFILE', 'isWorkspaceDir'];
    workspaceCoreModules = names.every((name) => modules[name] !== undefined) ? (modules as WorkspaceCore) : core();
  } catch {
    workspaceCoreModules = core();
  }
  return workspaceCoreModules;
}
