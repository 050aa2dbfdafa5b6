/**
 * What a server needs to know about an uploaded code package before it stores it: the files manifest and
 * the content hash, recomputed from the files (never trusted from the archive's own `manifest.yaml`).
 */
import { DlthubError } from '@dlthub/config-core';
import { readPackage, REQUIREMENTS_FILE_NAME, type FileManifestEntry } from '@dlthub/deployment';

export interface PackageInfo {
  contentHash: string;
  engineVersion: number;
  files: FileManifestEntry[];
  /** The parsed `requirements.json`; null when the package has none. */
  requirements: Record<string, unknown> | null;
}

function parseRequirements(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DlthubError('Api', `${REQUIREMENTS_FILE_NAME} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new DlthubError('Api', `${REQUIREMENTS_FILE_NAME} must hold a JSON object.`);
  return parsed as Record<string, unknown>;
}

/** Reads a gzipped package tarball; a broken archive or an entry escaping it is a DlthubError. */
export async function describePackage(tarball: Buffer): Promise<PackageInfo> {
  const read = await readPackage(tarball);
  return {
    contentHash: read.contentHash,
    engineVersion: read.manifest.engine_version,
    files: read.manifest.files,
    requirements: parseRequirements(read.requirementsText),
  };
}
