/**
 * The CLI as the host of @dlthub/platform's workflows: its Context supplies the workspace, env,
 * registry and flags, its Output the progress messages and the secrets never to print, and its
 * prompt library (@inquirer/prompts) the answers.
 */
import type { PlatformHost, WorkspacePrompts } from '@dlthub/platform';
import type { Context } from './context';
import { version } from './version';

export const userAgent = `dlthub-cli/${version}`;

export function platformHost(context: Context): PlatformHost {
  return {
    env: context.env,
    insecure: context.insecure,
    // Asked when a workflow needs it: whether stdin is a terminal is only looked up then.
    get interactive() {
      return context.interactive;
    },
    userAgent,
    workspace: (options) => (options?.require ? context.requireWorkspace() : context.workspace()),
    registry: () => context.registry(),
    progress: { info: (text) => context.out.info(text), warn: (text) => context.out.warn(text) },
    protectSecret: (value) => context.out.secrets.add(value),
  };
}

/** The picker and questions of `workspace connect` (and `deploy`), on stderr; `confirm` honours `-y`. */
export function workspacePrompts(context: Context): WorkspacePrompts {
  const picker = () => require('./commands/workspace/picker') as typeof import('./commands/workspace/picker');
  return {
    confirm: (message, flag) => context.confirm(message, flag),
    pickWorkspace: (organizations, workspaces, pinned) => picker().pickWorkspace(organizations, workspaces, pinned),
    askWorkspaceName: () => picker().askWorkspaceName(),
    askOrganization: (organizations) => picker().askOrganization(organizations),
  };
}
