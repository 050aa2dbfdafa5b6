/**
 * A code package must fit the platform's upload limit (api-schema `deploymentMaxBytes`, the compressed
 * tarball). Past it the server refuses the upload (413) and closes the connection while the package is still
 * being sent, which the client can only see as a broken pipe; so the size is checked before sending, and the
 * refusal names the largest files, which a `.gitignore` line keeps out of the package (the platform's advice
 * for "Request Entity Too Large").
 */
import { deploymentMaxBytes } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { BuiltPackage } from '@dlthub/deployment';

const LARGEST_SHOWN = 5;

/** Bytes as users read them: `40.0 MB`, `512 KB`, `12 B` (powers of 1,024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The refusal for a package over the limit, or undefined when it fits. */
export function oversizedCodePackage(
  pkg: Pick<BuiltPackage, 'tarball' | 'manifest'>,
  limitBytes = deploymentMaxBytes,
): DlthubError | undefined {
  if (pkg.tarball.length <= limitBytes) return undefined;
  const largest = [...pkg.manifest.files]
    .sort((left, right) => right.size_in_bytes - left.size_in_bytes)
    .slice(0, LARGEST_SHOWN)
    .map((file) => `${file.relative_path} (${formatBytes(file.size_in_bytes)})`);
  return new DlthubError(
    'Api',
    `The code package is ${formatBytes(pkg.tarball.length)} compressed; the platform accepts at most ${formatBytes(limitBytes)}. Largest files: ${largest.join(', ')}.`,
    {
      hint: 'Add the files the jobs do not need (data, exports, build output) to .gitignore: the code package leaves out what it ignores.',
    },
  );
}
