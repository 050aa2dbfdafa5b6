/**
 * The local half of a workspace binding: `[runtime] workspace_id` and `organization_id` in the
 * workspace's `.dlt/config.toml` (dlt-semantics §5). `organization_id` is write-once: it is written on
 * the first connect only and never changed by the CLI; switching organizations means removing the
 * line by hand (product page, workspace setup).
 */
import * as path from 'node:path';
import { hasTomlKey, setTomlValue, updateTomlFile, type Resolved, type Workspace } from '@dlthub/config-core';
import { readUtf8, underWorkspaceLock } from './workspace-writes';

export interface LocalBinding {
  workspaceId: string | undefined;
  organizationId: string | undefined;
  /** Where each came from, for messages: `.dlt/config.toml:3`, `RUNTIME__WORKSPACE_ID`… */
  workspaceIdSource: string | undefined;
  organizationIdSource: string | undefined;
}

function sourceOf(resolved: Resolved): string | undefined {
  if (!resolved.found) return undefined;
  if (resolved.provider === 'Environment Variables')
    return `env ${resolved.tried.at(-1)?.nativeKey ?? resolved.matchedKey}`;
  return `${resolved.file ?? resolved.provider}${resolved.line ? `:${resolved.line}` : ''} (${resolved.matchedKey})`;
}

function stringValue(resolved: Resolved): string | undefined {
  return resolved.found && typeof resolved.value === 'string' && resolved.value.trim() !== ''
    ? resolved.value.trim()
    : undefined;
}

/** The binding as the config engine resolves it (env > secrets > config, workspace.runtime before runtime). */
export function readLocalBinding(workspace: Workspace): LocalBinding {
  const workspaceId = workspace.runtimeValue('workspace_id');
  const organizationId = workspace.runtimeValue('organization_id');
  return {
    workspaceId: stringValue(workspaceId),
    organizationId: stringValue(organizationId),
    workspaceIdSource: sourceOf(workspaceId),
    organizationIdSource: sourceOf(organizationId),
  };
}

export function projectConfigPath(workspace: Workspace): { file: string; shown: string } {
  const file = path.join(workspace.settingsDir, 'config.toml');
  return { file, shown: path.relative(workspace.rootDir, file).split(path.sep).join('/') };
}

export interface BindingWrite {
  file: string;
  changed: boolean;
  /** False when `organization_id` was already in the file (write-once). */
  organizationWritten: boolean;
}

/**
 * Writes `workspace_id` (where the file already has it, else `[runtime]`) and `organization_id` only
 * when the file has none, with a format-preserving edit and an atomic write.
 */
export async function writeLocalBinding(
  workspace: Workspace,
  workspaceId: string,
  organizationId: string,
): Promise<BindingWrite> {
  const { file, shown } = projectConfigPath(workspace);
  // Decided on the text read under the lock, so a parallel connect or destination add is never undone.
  let orgPresent = false;
  const result = await underWorkspaceLock(workspace.settingsDir, () => {
    readUtf8(file); // a file that is not UTF-8 is refused, never rewritten
    return updateTomlFile(
      file,
      (text) => {
        const scoped = (key: string) =>
          hasTomlKey(text, ['workspace', 'runtime', key]) ? ['workspace', 'runtime', key] : ['runtime', key];
        orgPresent =
          hasTomlKey(text, ['workspace', 'runtime', 'organization_id']) ||
          hasTomlKey(text, ['runtime', 'organization_id']);
        let next = setTomlValue(text, scoped('workspace_id'), workspaceId, { file: shown });
        if (!orgPresent) next = setTomlValue(next, ['runtime', 'organization_id'], organizationId, { file: shown });
        return next;
      },
      { secret: false, displayPath: shown },
    );
  });
  return { file: shown, changed: result.changed, organizationWritten: !orgPresent };
}
