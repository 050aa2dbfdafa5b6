export * from './errors';
export * from './registry';
export type * from './types';
export { openWorkspace, isWorkspaceDir, familyFiles, WORKSPACE_MARKER } from './workspace';
export {
  diskFileReader,
  readWorkspaceName,
  type SettingsFileReader,
  type WorkspaceNameOptions,
} from './workspace-name';
export { resolveGlobalDir, isRootProcess, type GlobalDirOptions } from './global-dir';
export {
  CUSTOM_PROFILE_DESCRIPTION,
  DEFAULT_PROFILE,
  DEFAULT_SETTINGS_FOLDER,
  PIN_FILE_NAME,
  chooseProfile,
  type ProfileChoice,
  pinFilePath,
  pinProfile,
  localProfiles,
  profileDescription,
  profileScope,
  syncedProfiles,
  readPinnedProfile,
  unpinProfile,
} from './profile';
export { buildLookupPaths } from './lookup-paths';
export { splitFieldKey } from './resolve';
export { envKeyOf, ENV_PROVIDER_NAME, DEFAULT_SECRETS_DIR, secretFileName } from './providers/env';
export { autoCast, coerceToKind, parseFloatLike, parseIntLike, pythonText, type FieldKind } from './coerce';
export { fieldDefault, fieldKind, isRequiredField } from './field-schema';
export { RUNTIME_FIELDS, DEFAULT_API_BASE_URL, LOG_LEVELS } from './runtime';
export { MASK, maskSecret, maskSecretsIn, secretText } from './mask';
export {
  writeFileAtomic,
  writeFilesAtomic,
  removeStaleTempFiles,
  isSecretsFile,
  type AtomicWriteOptions,
  type AtomicFileWrite,
} from './atomic-write';
export { withDirectoryLock, LOCK_NAME, type DirectoryLockOptions } from './lock';
export { setTomlValue, removeTomlKey, hasTomlKey, type TomlEditOptions } from './toml-edit';
export { formatTomlValue, formatTomlKey, formatTomlKeyPath } from './toml-value';
export { updateTomlFile, type UpdateTomlOptions, type UpdateTomlResult } from './toml-file';
export * from './discovery';
export { isTomlTable } from './toml-merge';
export { parseToml, type ParseTomlOptions } from './toml';
export {
  readTomlFile,
  readTomlText,
  parseTomlText,
  familyProviderName,
  type ParsedTomlFile,
  type TomlTable,
} from './toml-read';
export {
  PROFILE_NAME_MAX_LENGTH,
  MACHINE_ONLY_PROFILES,
  PROFILE_NAME_PATTERN,
  PROFILE_NAME_RULE,
  assertProfileName,
  invalidProfileName,
  isMachineOnlyProfile,
  isProfileName,
  profileFileName,
  profileOfFileName,
  type SettingsFamily,
} from './profile-name';
