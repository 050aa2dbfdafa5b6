/**
 * config-core, required on first use. `--version` and parse errors never load it; the read path
 * (`config get`, `config show`, …) loads only the modules it uses (`workspaceCore`), because the
 * package entry also loads the registry and with it zod, which alone costs more than Node's own start-up.
 */
import { dirname, join } from 'node:path';

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
 * The workspace-reading part of config-core, straight from its built modules. Modules are the same
 * files the package entry re-exports, so `instanceof DlthubError` holds across both. Falls back to the
 * package entry whenever that layout is not there (e.g. running from sources).
 */
export function workspaceCore(): WorkspaceCore {
  if (workspaceCoreModules) return workspaceCoreModules;
  try {
    const dist = join(dirname(require.resolve('@dlthub/config-core/package.json')), 'dist');
    const load = (file: string) => require(join(dist, file)) as Partial<ConfigCore>;
    const modules = { ...load('errors.js'), ...load('mask.js'), ...load('profile.js'), ...load('workspace.js') };
    const names: Array<keyof WorkspaceCore> = ['openWorkspace', 'DlthubError', 'isDlthubError', 'maskSecret', 'isValidProfileName', 'DEFAULT_PROFILE', 'isWorkspaceDir'];
    workspaceCoreModules = names.every((name) => modules[name] !== undefined) ? (modules as WorkspaceCore) : core();
  } catch {
    workspaceCoreModules = core();
  }
  return workspaceCoreModules;
}
