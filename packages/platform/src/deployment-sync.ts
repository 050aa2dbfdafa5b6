/**
 * The code half of `dlthub deploy`, `run` and `serve` (reference deployments.md §1 steps 4–6): the manifest is
 * generated from the sources first (a broken job declaration fails before anything is sent), then the code
 * package is uploaded unless its content hash equals the latest deployment's, then the configuration is
 * synced, then the manifest is sent and the server's reconcile result (added, updated, unchanged, archived)
 * comes back.
 */
import type { DeployManifestRequest, DeployManifestResult, Deployment } from '@dlthub/api-schema';
import { formatProblem, generateManifest, needsUpload, type GeneratedManifest } from '@dlthub/deployment';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import { buildUploadableCodePackage } from './code-package-limit';
import { syncConfiguration, type SyncOutcome } from './configuration-sync';
import type { PlatformHost } from './host';
import type { PlatformSession } from './session';

export interface CodeSyncOutcome {
  /** `uploaded`: a new version; `unchanged`: the latest deployment has this content hash, nothing was sent. */
  status: 'uploaded' | 'unchanged';
  deployment: Deployment;
  contentHash: string;
  fileCount: number;
  size: number;
}

/** Builds the code package of `rootDir` and uploads it unless the latest deployment has the same content hash. */
export async function syncCode(
  client: WorkspaceClient,
  workspaceId: string,
  rootDir: string,
  progress: PlatformHost['progress'],
): Promise<CodeSyncOutcome> {
  const { pkg, refusal } = await buildUploadableCodePackage(rootDir);
  if (refusal) throw refusal;
  for (const warning of pkg.warnings) progress.warn(warning);
  const latest = await client.getDeployment(workspaceId, 'latest');
  const summary = { contentHash: pkg.contentHash, fileCount: pkg.fileCount, size: pkg.size };
  if (latest && !needsUpload(pkg, latest)) return { status: 'unchanged', deployment: latest, ...summary };
  progress.info(`Uploading the code package: ${pkg.fileCount} file(s), ${pkg.size} bytes.`);
  const uploaded = await client.uploadDeployment(workspaceId, pkg.tarball);
  const { created, ...deployment } = uploaded;
  // The server dedupes too: a concurrent upload of the same content makes no second version.
  return { status: created ? 'uploaded' : 'unchanged', deployment, ...summary };
}

export interface DeployOptions {
  session: PlatformSession;
  client: WorkspaceClient;
  workspaceId: string;
  /** A Python file (relative to the workspace root) instead of `__deployment__.py`. */
  file?: string;
  /** An ad-hoc run of one file: `deployment_module` null, so the server archives nothing. */
  adHoc?: boolean;
  /** The manifest when the caller already generated it (`run` picks its job from it before logging in). */
  generated?: GeneratedManifest;
}

export interface DeployOutcome {
  generated: GeneratedManifest;
  code: CodeSyncOutcome;
  configuration: SyncOutcome;
  reconcile: DeployManifestResult;
}

export async function deployWorkspace(host: PlatformHost, options: DeployOptions): Promise<DeployOutcome> {
  const { session, client, workspaceId } = options;
  const { rootDir } = session.workspace;
  let generated = options.generated;
  if (!generated) {
    host.progress.info('Generating the deployment manifest from the Python sources.');
    generated = await generateManifest(rootDir, { file: options.file, adHoc: options.adHoc });
    for (const warning of generated.warnings) host.progress.warn(formatProblem(warning));
  }
  const code = await syncCode(client, workspaceId, rootDir, host.progress);
  host.progress.info(
    code.status === 'uploaded'
      ? `Code package uploaded as deployment version ${code.deployment.version}.`
      : `Code package unchanged (content hash equals deployment version ${code.deployment.version}); not uploaded.`,
  );
  const configuration = await syncConfiguration(host, { session, dryRun: false, workspaceId, client });
  host.progress.info(
    configuration.status === 'uploaded'
      ? `Configuration version ${configuration.version} uploaded.`
      : `Configuration unchanged (version ${configuration.version}).`,
  );
  const { manifest } = generated;
  const reconcile = await client.deployManifest(workspaceId, {
    engine_version: manifest.engine_version,
    deployment_module: manifest.deployment_module,
    ...(manifest.description !== undefined ? { description: manifest.description } : {}),
    // The generator's job type is closed; the API schema keeps unknown keys (a loose object): same JSON.
    jobs: manifest.jobs as DeployManifestRequest['jobs'],
    dry_run: false,
  });
  for (const warning of reconcile.warnings) host.progress.warn(warning);
  return { generated, code, configuration, reconcile };
}
