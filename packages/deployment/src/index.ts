export {
  buildArchive,
  FILES_PREFIX,
  MANIFEST_FILE_NAME,
  REQUIREMENTS_FILE_NAME,
  PACKAGE_ENGINE_VERSION,
  type BuiltPackage,
  type FileManifestEntry,
  type FilesManifest,
  type PackageEntry,
  type PackOptions,
} from './package/archive';
export { PackageTooLarge, type FileSize } from './package/size-limit';
export { sha3Base64, packageContentHash } from './package/digest';
export { readPackage, type ReadPackage } from './package/read-package';
export { DEFAULT_IGNORE_PATTERNS, listCodeFiles } from './package/code-files';
export { collectConfigEntries, isShippedConfigName, STRIPPED_RUNTIME_KEYS } from './package/config-files';
export {
  buildCodePackage,
  buildConfigurationPackage,
  diffFilesManifests,
  needsUpload,
  type FilesDelta,
  type PackageKind,
  type WorkspacePackage,
  type CodePackage,
} from './package/packages';
export {
  describeRequirements,
  DEFAULT_PYTHON_VERSION,
  REQUIREMENTS_ENGINE_VERSION,
  type DescribedRequirements,
  type DescribeOptions,
  type DltVersion,
  type RequirementsDescription,
  type RequirementsSource,
} from './requirements/requirements';
export { parseRequirement, normalizeProjectName, type ParsedRequirement } from './requirements/requirement';
export { LAUNCHERS, LAUNCHER_REQUIREMENTS, type LauncherName } from './requirements/launchers';
export { isIdentifier, jobRefProblem, makeJobRef, JOB_REF_PREFIX } from './triggers/job-ref';
export {
  buildManifest,
  generateManifest,
  listReferencedProfiles,
  ManifestError,
  type GenerateOptions,
  type GeneratedManifest,
} from './manifest/generate';
export { readWorkspaceModules, READER_SCRIPT, type ReadOptions, type WorkspaceReading } from './manifest/reader';
export { manifestHash, jobDefinitionHash, pythonJsonDumps } from './manifest/hash';
export { diffManifests, type ManifestPlan } from './manifest/diff';
export {
  DASHBOARD_JOB_REF,
  DEPLOYMENT_MODULE,
  MANIFEST_ENGINE_VERSION,
  formatProblem,
  type DeploymentManifest,
  type EntryPoint,
  type JobDefinition,
  type JobType,
  type ManifestProblem,
} from './manifest/types';
