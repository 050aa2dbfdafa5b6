export {
  isTerminal,
  TERMINAL_STATUSES,
  type Executor,
  type LogLine,
  type RunHandle,
  type RunObserver,
  type RunRecord,
  type RunRequest,
  type RunSource,
  type RunStatus,
} from './executor';
export { LAUNCHER_SCRIPT, LocalProcessExecutor, type LocalProcessExecutorOptions } from './local-process-executor';
export { configuredProfiles, selectProfile, type ProfileChoice } from './profile';
export { configEnv, configSections, declaredTimeout, runEnvironment, runtimeEntryPoint } from './environment';
export { resolvePython, which, type PythonCommand } from './python';
export { prepareRunDirectory, type PreparedRunDirectory } from './run-directory';
export { freePort, waitForPort } from './network';
export { describePackage, type PackageInfo } from './package-info';
