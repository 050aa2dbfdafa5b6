/**
 * Reading a package tarball back (the server side of an upload): the entries under `files/`,
 * the files manifest and content hash recomputed from them (never trusted from `manifest.yaml`),
 * and the shipped `manifest.yaml` text. Paths that would escape the package are refused.
 */
import * as path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { DlthubError } from '@dlthub/config-core';
import {
  FILES_PREFIX,
  filesManifestOf,
  MANIFEST_FILE_NAME,
  REQUIREMENTS_FILE_NAME,
  type FilesManifest,
  type PackageEntry,
} from './archive';
import { packageContentHash } from './digest';

export interface ReadPackage {
  entries: PackageEntry[];
  manifest: FilesManifest;
  contentHash: string;
  /** `manifest.yaml` as shipped, or null when the archive has none. */
  manifestText: string | null;
  /** `requirements.json` as shipped, or null when the archive has none (a configuration package). */
  requirementsText: string | null;
}

function safeRelative(entryPath: string): string | null {
  const relative = entryPath.slice(FILES_PREFIX.length);
  const normalized = path.posix.normalize(relative);
  if (relative === '' || path.posix.isAbsolute(relative) || normalized.startsWith('..') || normalized !== relative)
    return null;
  return relative;
}

export function readPackage(tarball: Buffer): Promise<ReadPackage> {
  return new Promise((resolve, reject) => {
    const entries: PackageEntry[] = [];
    let manifestText: string | null = null;
    let requirementsText: string | null = null;
    let failure: Error | null = null;
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          if (entry.path === MANIFEST_FILE_NAME) return void (manifestText = Buffer.concat(chunks).toString('utf8'));
          if (entry.path === REQUIREMENTS_FILE_NAME)
            return void (requirementsText = Buffer.concat(chunks).toString('utf8'));
          if (!entry.path.startsWith(FILES_PREFIX) || entry.type === 'Directory') return;
          const relativePath = safeRelative(entry.path);
          if (relativePath === null) {
            failure ??= new DlthubError('Api', `Package entry "${entry.path}" points outside the package.`);
            return;
          }
          if (entry.type === 'SymbolicLink')
            entries.push({
              relativePath,
              content: Buffer.alloc(0),
              mode: entry.mode ?? 0o777,
              linkname: entry.linkpath ?? '',
            });
          else if (entry.type === 'File' || entry.type === 'OldFile')
            entries.push({ relativePath, content: Buffer.concat(chunks), mode: (entry.mode ?? 0o644) & 0o777 });
          else
            failure ??= new DlthubError(
              'Api',
              `Package entry "${entry.path}" is a ${entry.type}; only files and links are shipped.`,
            );
        });
      },
    });
    parser.on('error', (error: Error) =>
      reject(new DlthubError('Api', `Not a valid package tarball: ${error.message}`, { cause: error })),
    );
    parser.on('end', () => {
      if (failure) return reject(failure);
      const manifest = filesManifestOf(entries);
      resolve({ entries, manifest, contentHash: packageContentHash(manifest.files), manifestText, requirementsText });
    });
    parser.end(tarball);
  });
}
