/**
 * The package tarball (reference §1.1): gzip-compressed tar with every entry under `files/`, then a
 * `manifest.yaml` at the root listing each file's path, size and digest (symlinks: the digest of
 * the link target, size 0, `linkname`). Each entry is hashed from the same bytes that are packed, so
 * what is hashed is exactly what is shipped even if a file changes while packing.
 */
import { createHash } from 'node:crypto';
import { DlthubError } from '@dlthub/config-core';
import { comparePaths, packageContentHash, sha3Base64 } from './digest';
import { openDiskFile, type DiskFile, type OpenedFile } from './disk-file';
import { CompressedSizeLimitPassed, GzipTarWriter } from './gzip-tar';
import { PackageTooLarge, unpackedSize, type FileSize } from './size-limit';

export const PACKAGE_ENGINE_VERSION = 1;
export const FILES_PREFIX = 'files/';
export const MANIFEST_FILE_NAME = 'manifest.yaml';
/** The dependency description a code package carries beside its files (reference §6). */
export const REQUIREMENTS_FILE_NAME = 'requirements.json';

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

/** What a package is built from: entries in memory, or files read from disk while they are packed. */
export type PackageSource = PackageEntry | DiskFile;

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
  return fileManifestEntry(entry.relativePath, entry.content);
}

function fileManifestEntry(relativePath: string, content: Uint8Array): FileManifestEntry {
  return { relative_path: relativePath, size_in_bytes: content.length, sha3_256: sha3Base64(content) };
}

export function filesManifestOf(entries: readonly PackageEntry[]): FilesManifest {
  const files = entries
    .map(manifestEntryOf)
    .sort((left, right) => comparePaths(left.relative_path, right.relative_path));
  return { engine_version: PACKAGE_ENGINE_VERSION, files };
}

/**
 * manifest.yaml: block YAML with double-quoted (JSON-escaped, hence valid YAML) strings. A base64
 * digest has no character to escape, so it is quoted as it is.
 */
export function renderFilesManifest(manifest: FilesManifest): string {
  let text = `engine_version: ${manifest.engine_version}\nfiles:${manifest.files.length === 0 ? ' []' : ''}\n`;
  for (const file of manifest.files) {
    text += `- relative_path: ${JSON.stringify(file.relative_path)}\n  size_in_bytes: ${file.size_in_bytes}\n  sha3_256: "${file.sha3_256}"\n`;
    if (file.linkname !== undefined) text += `  linkname: ${JSON.stringify(file.linkname)}\n`;
  }
  return text;
}

/**
 * Packs `entries` into a gzip tarball with `files/…`, then `rootFiles` (e.g. `requirements.json`) at the root,
 * then `manifest.yaml`. Root files are not package files: they are not in the manifest nor in the content hash.
 */
export function buildArchive(
  entries: readonly PackageEntry[],
  rootFiles: Readonly<Record<string, string>> = {},
): Promise<BuiltPackage> {
  return packArchive(
    [...entries].sort((left, right) => comparePaths(left.relativePath, right.relativePath)),
    rootFiles,
  );
}

/** Files larger than this are packed piece by piece, so that a big data file need not fit in memory. */
export const PIECE_SIZE = 1024 * 1024;

/**
 * Adds one source under `files/` and returns its manifest entry, hashed from the bytes packed: at once, or
 * (a file packed in pieces) once gzip has taken it.
 */
function packSource(writer: GzipTarWriter, source: PackageSource): FileManifestEntry | Promise<FileManifestEntry> {
  const tarPath = FILES_PREFIX + source.relativePath;
  if ('content' in source) {
    writer.add({ ...source, path: tarPath });
    return manifestEntryOf(source);
  }
  const opened = openDiskFile(source);
  if (opened.size > PIECE_SIZE)
    return packInPieces(writer, source.relativePath, tarPath, opened).finally(() => opened.close());
  try {
    const content = writer.addFile({ path: tarPath, mode: opened.mode }, opened.size, opened.readInto);
    return fileManifestEntry(source.relativePath, content);
  } finally {
    opened.close();
  }
}

/**
 * A large file, read and hashed one piece at a time. The header already gives the size taken when the file was
 * opened, so a file that shrank since is padded with zeros to that size (as GNU tar does) and the digest is of
 * what is packed, zeros included; bytes a growing file gained are left out.
 */
async function packInPieces(
  writer: GzipTarWriter,
  relativePath: string,
  tarPath: string,
  opened: OpenedFile,
): Promise<FileManifestEntry> {
  const piece = Buffer.allocUnsafe(PIECE_SIZE);
  const hash = createHash('sha3-256');
  await writer.addPieces({ path: tarPath, mode: opened.mode }, opened.size, (max) => {
    const target = piece.subarray(0, Math.min(max, PIECE_SIZE));
    target.fill(0, opened.readInto(target));
    hash.update(target);
    return target;
  });
  return { relative_path: relativePath, size_in_bytes: opened.size, sha3_256: hash.digest('base64') };
}

export interface PackOptions {
  /** Stop with PackageTooLarge as soon as the compressed tarball passes this many bytes. */
  maxCompressedBytes?: number;
}

/**
 * `buildArchive` for sources that arrive one by one, already in path order (the order of the tarball and
 * the manifest): each is read, hashed and handed to the compressor as it comes, while later ones are still read.
 */
export async function packArchive(
  sortedSources: Iterable<PackageSource>,
  rootFiles: Readonly<Record<string, string>> = {},
  { maxCompressedBytes = Infinity }: PackOptions = {},
): Promise<BuiltPackage> {
  const writer = new GzipTarWriter(maxCompressedBytes);
  const files: FileManifestEntry[] = [];
  // Iterated by hand: a for-of loop left early would close the sources that a refusal still sizes.
  const sources = sortedSources[Symbol.iterator]();
  let current: PackageSource | undefined;
  try {
    for (;;) {
      writer.throwIfLimitPassed();
      const next = sources.next();
      if (next.done) break;
      current = next.value;
      const previous = files[files.length - 1];
      if (previous && comparePaths(previous.relative_path, current.relativePath) >= 0)
        throw new DlthubError(
          'Internal',
          `Package entries out of order: "${current.relativePath}" after "${previous.relative_path}".`,
        );
      const packed = packSource(writer, current);
      files.push(packed instanceof Promise ? await packed : packed);
      current = undefined;
      await writer.yieldToCompressor();
    }
    for (const [name, text] of Object.entries(rootFiles))
      writer.add({ path: name, content: Buffer.from(text, 'utf8'), mode: 0o644 });
    const manifest: FilesManifest = { engine_version: PACKAGE_ENGINE_VERSION, files };
    // dlt's package builder writes the manifest last, after every file it lists.
    writer.add({ path: MANIFEST_FILE_NAME, content: Buffer.from(renderFilesManifest(manifest), 'utf8'), mode: 0o644 });
    return {
      tarball: await writer.finish(),
      manifest,
      contentHash: packageContentHash(files),
      fileCount: files.length,
      size: files.reduce((total, file) => total + file.size_in_bytes, 0),
    };
  } catch (error) {
    writer.abort();
    if (!(error instanceof CompressedSizeLimitPassed)) throw error;
    const unpacked = current ? [current] : [];
    for (let next = sources.next(); !next.done; next = sources.next()) unpacked.push(next.value);
    const sizes: FileSize[] = files.map(({ relative_path, size_in_bytes }) => ({ relative_path, size_in_bytes }));
    const stoppedAt = current?.relativePath ?? files[files.length - 1]?.relative_path;
    throw new PackageTooLarge(maxCompressedBytes, stoppedAt, [...sizes, ...unpacked.map(unpackedSize)]);
  }
}
