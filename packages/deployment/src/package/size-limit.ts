/**
 * A package built for an upload limit stops being packed as soon as its compressed bytes pass the limit
 * (GzipTarWriter's `maxCompressedBytes`). A data file left in the workspace is then neither read to its end nor
 * held in memory for an upload the server would refuse: packing 300 MB of random bytes took 10 s and 690 MB of
 * memory. The caller gets every selected file with its size instead, to name the ones to leave out.
 */
import * as fs from 'node:fs';
import type { PackageSource } from './archive';

export interface FileSize {
  relative_path: string;
  size_in_bytes: number;
}

export class PackageTooLarge extends Error {
  constructor(
    readonly limitBytes: number,
    /** The file being packed, or last packed, when the compressed bytes were seen to pass the limit. */
    readonly stoppedAt: string | undefined,
    /** Every file the package selects, in path order, packed or not. */
    readonly files: FileSize[],
  ) {
    super(`The package passed ${limitBytes} bytes compressed${stoppedAt ? ` at ${stoppedAt}` : ''}.`);
    this.name = 'PackageTooLarge';
  }
}

/** The size of a source that was not packed: its content's, or the file's on disk now (0 if it is gone). */
export function unpackedSize(source: PackageSource): FileSize {
  const size =
    'content' in source
      ? source.content.length
      : (fs.statSync(source.absolutePath, { throwIfNoEntry: false })?.size ?? 0);
  return { relative_path: source.relativePath, size_in_bytes: size };
}
