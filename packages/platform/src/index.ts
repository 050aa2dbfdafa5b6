export type { PickerValue, PlatformHost, ProgressOutput, WorkspacePrompts } from './host';
export {
  apiBaseUrlOf,
  assertSafeTransport,
  describeCredential,
  notLoggedIn,
  openSession,
  requireClient,
  withInterrupt,
  type PlatformSession,
} from './session';
export {
  deviceLogin,
  isCi,
  resumeLogin,
  type DeviceLoginOptions,
  type LoginOutcome,
  type ResumeLoginOptions,
} from './login-flow';
export {
  collectConfiguration,
  syncedProfilesOf,
  type CollectedConfiguration,
  type ProfileReference,
  type SyncedFile,
} from './configuration-content';
export { notConnected, syncConfiguration, type SyncOptions, type SyncOutcome } from './configuration-sync';
export { readJobDecorators, type DecoratorReading } from './python-jobs';
export {
  buildUploadableCodePackage,
  codePackageRefusal,
  formatBytes,
  type UploadableCodePackage,
} from './code-package-limit';
export {
  projectConfigPath,
  readLocalBinding,
  writeLocalBinding,
  type BindingWrite,
  type LocalBinding,
} from './workspace-binding';
export { connectWorkspace, type ConnectOptions, type ConnectOutcome, type ConnectRequest } from './workspace-connect';
export {
  gitRoot,
  isIgnoredByGit,
  isTrackedByGit,
  normalizeRemoteUrl,
  repositoryIdentity,
  sameRepository,
  type RepositoryIdentity,
} from './git';
export { batchingHost, readUtf8, underWorkspaceLock } from './workspace-writes';
export {
  deployWorkspace,
  syncCode,
  type CodeSyncOutcome,
  type DeployOptions,
  type DeployOutcome,
} from './deployment-sync';
