/**
 * A code package must fit the platform's upload limit (api-schema `deploymentMaxBytes`, the compressed
 * tarball). Past it the server refuses the upload (413) and closes the connection while the package is still
 * being sent, which the client can only see as a broken pipe. So packing stops as soon as the package passes
 * the limit, before a large data file is read to its end, and the refusal names the largest files, which a
 * `.gitignore` line keeps out of the package (the platform's advice for "Request Entity Too Large").
 */
import { deploymentMaxBytes } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import { buildCodePackage, PackageTooLarge, type CodePackage, type FileSize } from '@dlthub/deployment';

const LARGEST_SHOWN = 5;

/** Bytes as users read them: `40.0 MB`, `512 KB`, `12 B` (powers of 1,024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The package, or the refusal and the sizes of all the files it selects when it does not fit. */
export type UploadableCodePackage =
  | { pkg: CodePackage; refusal?: undefined; files?: undefined }
  | { pkg?: undefined; refusal: DlthubError; files: FileSize[] };

/** The code package `dlthub deploy` uploads and `deploy --dry-run` previews, within the upload limit. */
export async function buildUploadableCodePackage(
  rootDir: string,
  limitBytes = deploymentMaxBytes,
): Promise<UploadableCodePackage> {
  try {
    return { pkg: await buildCodePackage(rootDir, { maxCompressedBytes: limitBytes }) };
  } catch (error) {
    if (!(error instanceof PackageTooLarge)) throw error;
    return { refusal: codePackageRefusal(error), files: error.files };
  }
}

/** The refusal of a package over the limit, naming the largest files. */
export function codePackageRefusal(tooLarge: PackageTooLarge): DlthubError {
  const largest = [...tooLarge.files]
    .sort((left, right) => right.size_in_bytes - left.size_in_bytes)
    .slice(0, LARGEST_SHOWN)
    .map((file) => `${file.relative_path} (${formatBytes(file.size_in_bytes)})`);
  const stopped = tooLarge.stoppedAt === undefined ? '' : ` (packing stopped at ${tooLarge.stoppedAt})`;
  return new DlthubError(
    'Api',
    `The code package is over ${formatBytes(tooLarge.limitBytes)} compressed, the most the platform accepts${stopped}. Largest files: ${largest.join(', ')}.`,
    {
      hint: 'Add the files the jobs do not need (data, exports, build output) to .gitignore: the code package leaves out what it ignores.',
    },
  );
}
