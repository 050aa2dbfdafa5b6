/**
 * The workspace-reading part of the API, without the registry and so without zod: what start-up
 * sensitive callers (the CLI's read commands) load. Same modules as the package entry, so values
 * and `instanceof DlthubError` are shared with it.
 */
export { DlthubError, exitCodeFor, isDlthubError } from './errors';
export { maskSecret, secretText } from './mask';
export { DEFAULT_PROFILE } from './profile';
export { isWorkspaceDir, openWorkspace } from './workspace';
export { splitFieldKey } from './resolve';
export { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE, assertProfileName, isProfileName } from './profile-name';
export { readWorkspaceName, type WorkspaceNameOptions } from './workspace-name';
