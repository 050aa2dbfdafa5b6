export type { FileHost } from './file-host';
export { memoryFileHost, nodeFileHost, SECRETS_FILE_MODE } from './file-host';
export type { FilePlan, FormatPlanOptions, PlanAction, PlannedFile } from './plan';
export { applyPlan, assertNoConflicts, changedFiles, displayPath, formatPlan } from './plan';
export type { DependencySystem, InitOptions } from './init';
export { defaultWorkspaceName, initNextSteps, planInit } from './init';
export { GITIGNORE_MARKER, mergeGitignore } from './gitignore';
export { DLT_GITIGNORE_LINES } from './workspace-templates';
export type { AddDestinationOptions } from './destination';
export { planAddDestination } from './destination';
export type { AddProfileOptions } from './profile';
export { planAddProfile } from './profile';
export type { PipelineInitOptions } from './pipeline';
export { CONFIGURE_ME, planPipelineInit } from './pipeline';
export type { PipelineTemplate, PlaceholderType } from './template-source';
export { listPipelineTemplates } from './template-source';
export type { SourceListing, ListSourcesOptions } from './source-list';
export { listSources } from './source-list';
export { DEFAULT_VERIFIED_SOURCES_REPO, displayLocation } from './verified-sources';
export type { DependencyFile, DependencyMerge, ProjectDependencies } from './dependencies';
export { destinationRequirements, planDependencyMerge, projectDependencies } from './dependencies';
export type { MissingRequirement } from './requirements-check';
export { missingDestinationRequirements } from './requirements-check';
export type { Requirement } from './requirements';
export {
  mergePyprojectDependencies,
  mergeRequirementsTxt,
  missingRequirements,
  parseRequirement,
  pythonProjectName,
} from './requirements';
export { isOnPath } from './on-path';
