/**
 * Temp file + rename in the target's directory, so a crash never leaves a half-written file.
 * An existing file keeps its mode unless one is given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

export function writeFileAtomic(target: string, content: string, options: { mode?: number } = {}): void {
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = fs.statSync(target).mode & 0o777;
    } catch {
      mode = undefined;
    }
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, content, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** `secrets.toml` and `<profile>.secrets.toml`: written 0600. */
export function isSecretsFile(file: string): boolean {
  return /(^|[\\/])([^\\/]*\.)?secrets\.toml$/.test(file);
}
