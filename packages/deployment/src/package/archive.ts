/**
 * The package tarball (reference §1.1): gzip-compressed tar with every entry under `files/` and a
 * `manifest.yaml` at the root listing each file's path, size and digest (symlinks: the digest of
 * the link target, size 0, `linkname`). Entries are packed from memory, so what is hashed is
 * exactly what is shipped even if a file changes while packing.
 */
import { Header, Pack, ReadEntry } from 'tar';
import { stringify } from 'yaml';
import { comparePaths, packageContentHash, sha3Base64 } from './digest';

export const PACKAGE_ENGINE_VERSION = 1;
export const FILES_PREFIX = 'files/';
export const MANIFEST_FILE_NAME = 'manifest.yaml';

/** One file (or symlink) to ship, with its POSIX path relative to the package root. */
export interface PackageEntry {
  relativePath: string;
  /** File content; empty for symlinks. */
  content: Buffer;
  /** Unix permission bits (the executable bit matters to scripts). */
  mode: number;
  /** Target of a symbolic link, as written in the link. */
  linkname?: string;
}

export interface FileManifestEntry {
  relative_path: string;
  size_in_bytes: number;
  sha3_256: string;
  linkname?: string;
}

export interface FilesManifest {
  engine_version: number;
  files: FileManifestEntry[];
}

export interface BuiltPackage {
  /** The gzip-compressed tarball. */
  tarball: Buffer;
  manifest: FilesManifest;
  contentHash: string;
  fileCount: number;
  /** Sum of the shipped files' sizes (uncompressed). */
  size: number;
}

export function manifestEntryOf(entry: PackageEntry): FileManifestEntry {
  if (entry.linkname !== undefined)
    return {
      relative_path: entry.relativePath,
      size_in_bytes: 0,
      sha3_256: sha3Base64(entry.linkname),
      linkname: entry.linkname,
    };
  return {
    relative_path: entry.relativePath,
    size_in_bytes: entry.content.length,
    sha3_256: sha3Base64(entry.content),
  };
}

export function filesManifestOf(entries: readonly PackageEntry[]): FilesManifest {
  const files = entries
    .map(manifestEntryOf)
    .sort((left, right) => comparePaths(left.relative_path, right.relative_path));
  return { engine_version: PACKAGE_ENGINE_VERSION, files };
}

// A fixed mtime keeps the tarball bytes a function of the content alone.
const EPOCH = new Date(0);

function memoryEntry(path: string, content: Buffer, mode: number, linkname?: string): ReadEntry {
  const header = new Header({
    path,
    mode,
    size: linkname === undefined ? content.length : 0,
    mtime: EPOCH,
    type: linkname === undefined ? 'File' : 'SymbolicLink',
    linkpath: linkname,
  });
  const entry = new ReadEntry(header);
  if (linkname === undefined && content.length > 0) entry.write(content);
  entry.end();
  return entry;
}

/** Packs `entries` into a gzip tarball with `files/…` and `manifest.yaml`. */
export async function buildArchive(entries: readonly PackageEntry[]): Promise<BuiltPackage> {
  const sorted = [...entries].sort((left, right) => comparePaths(left.relativePath, right.relativePath));
  const manifest = filesManifestOf(sorted);
  const pack = new Pack({ gzip: true, portable: true, noMtime: false });
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  const manifestText = Buffer.from(stringify(manifest), 'utf8');
  pack.add(memoryEntry(MANIFEST_FILE_NAME, manifestText, 0o644));
  for (const entry of sorted)
    pack.add(memoryEntry(FILES_PREFIX + entry.relativePath, entry.content, entry.mode, entry.linkname));
  pack.end();
  await done;
  return {
    tarball: Buffer.concat(chunks),
    manifest,
    contentHash: packageContentHash(manifest.files),
    fileCount: manifest.files.length,
    size: manifest.files.reduce((total, file) => total + file.size_in_bytes, 0),
  };
}
