/**
 * What a server needs to know about an uploaded code package before it stores it: the files manifest and
 * the content hash, recomputed from the files (never trusted from the archive's own `manifest.yaml`).
 */
import { readPackage, type FileManifestEntry } from '@dlthub/deployment';

export interface PackageInfo {
  contentHash: string;
  engineVersion: number;
  files: FileManifestEntry[];
}

/** Reads a gzipped package tarball; a broken archive or an entry escaping it is a DlthubError. */
export async function describePackage(tarball: Buffer): Promise<PackageInfo> {
  const read = await readPackage(tarball);
  return { contentHash: read.contentHash, engineVersion: read.manifest.engine_version, files: read.manifest.files };
}
