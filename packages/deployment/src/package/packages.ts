/**
 * The two versioned packages a deployment ships: code (the workspace files) and configuration
 * (the shipped `.dlt/` TOML files). Each carries a content hash; a caller skips the upload when it
 * equals the latest version's `content_hash` on the server.
 */
import { describeRequirements, type RequirementsSource } from '../requirements/requirements';
import {
  buildArchive,
  packArchive,
  REQUIREMENTS_FILE_NAME,
  type BuiltPackage,
  type FilesManifest,
  type PackOptions,
} from './archive';
import { codeSources } from './code-files';
import { collectConfigEntries } from './config-files';

export type PackageKind = 'deployment' | 'configuration';

export interface WorkspacePackage extends BuiltPackage {
  kind: PackageKind;
}

export interface CodePackage extends WorkspacePackage {
  /** Where `requirements.json` came from, and what the reading of it warned about. */
  requirementsSource: RequirementsSource;
  warnings: string[];
}

/**
 * The workspace files, with the description of their Python dependencies as `requirements.json`. With
 * `maxCompressedBytes`, a package that passes it fails with PackageTooLarge as soon as it does.
 */
export async function buildCodePackage(rootDir: string, options: PackOptions = {}): Promise<CodePackage> {
  const described = await describeRequirements(rootDir);
  const rootFiles = { [REQUIREMENTS_FILE_NAME]: `${JSON.stringify(described.requirements, null, 2)}\n` };
  const built = await packArchive(codeSources(rootDir), rootFiles, options);
  return { kind: 'deployment', ...built, requirementsSource: described.source, warnings: described.warnings };
}

export async function buildConfigurationPackage(rootDir: string): Promise<WorkspacePackage> {
  return { kind: 'configuration', ...(await buildArchive(collectConfigEntries(rootDir))) };
}

/** True when the package differs from the latest uploaded version (or there is none yet). */
export function needsUpload(
  pkg: { contentHash: string },
  latest: { content_hash: string } | null | undefined,
): boolean {
  return latest?.content_hash !== pkg.contentHash;
}

export interface FilesDelta {
  added: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

/** Per-file difference between a local package and the server's files manifest (for `--dry-run -v`). */
export function diffFilesManifests(local: FilesManifest, remote: FilesManifest | null | undefined): FilesDelta {
  const remoteByPath = new Map((remote?.files ?? []).map((file) => [file.relative_path, file.sha3_256]));
  const delta: FilesDelta = { added: [], updated: [], deleted: [], unchanged: 0 };
  for (const file of local.files) {
    const remoteDigest = remoteByPath.get(file.relative_path);
    if (remoteDigest === undefined) delta.added.push(file.relative_path);
    else if (remoteDigest !== file.sha3_256) delta.updated.push(file.relative_path);
    else delta.unchanged++;
    remoteByPath.delete(file.relative_path);
  }
  delta.deleted = [...remoteByPath.keys()].sort();
  return delta;
}
