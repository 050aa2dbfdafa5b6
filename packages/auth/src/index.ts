export type * from './types';
export {
  runDeviceFlow,
  resumeDeviceFlow,
  slowDownStepSeconds,
  maxBackoffIntervalSeconds,
  resumeMaxWaitSeconds,
} from './device-flow';
export type { DeviceFlowIo, DeviceFlowOptions, DeviceFlowResult, ResumeDeviceFlowOptions } from './device-flow';
export { systemBrowserOpener, type OpenBrowser } from './browser';
export { checkVerificationUri } from './verification-uri';
export { resolveCredentials, apiKeyEnvVar, type CredentialSource, type CredentialResolution } from './credentials';
export {
  storeToken,
  removeToken,
  readStoredToken,
  globalSecretsPath,
  authTokenKeyPath,
  type StoredToken,
} from './token-store';
export { abortableSleep, type Sleep } from './sleep';
export { assertNoEnvApiKey, verifyAndStoreToken, logout, type VerifiedLogin } from './login';
