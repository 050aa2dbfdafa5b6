export { run, NX_ENV } from './exec';
export type { RunOptions, RunResult } from './exec';
export { repoNxVersion, repoRoot, workspacePackages } from './repo';
export type { WorkspacePackage } from './repo';
export { packPackages } from './pack';
export {
  consumerHandle,
  createConsumerWorkspace,
  createNxWorkspace,
  createPackedConsumer,
  packRepository,
} from './consumer';
export type { ConsumerOptions, ConsumerWorkspace, NxWorkspaceOptions, PackedRepository } from './consumer';
export { readTree } from './files';
export type { FileEntry } from './files';
