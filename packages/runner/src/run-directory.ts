/**
 * The directory a run executes in. A workspace source runs in place. Packages are extracted into
 * `<runsDir>/<run id>/`: the code package's files, then the configuration package's TOML files as `.dlt/`
 * (plus `.dlt/.workspace`, so dlt runs in workspace mode with profiles). Files keep their permission bits;
 * links are recreated only when they stay inside the run directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';
import { readPackage, type PackageEntry } from '@dlthub/deployment';
import type { RunSource } from './executor';

export interface PreparedRunDirectory {
  dir: string;
  /** True when the runner created it (and may delete it). */
  created: boolean;
}

function writeEntries(root: string, entries: readonly PackageEntry[]): void {
  for (const entry of entries) {
    const target = path.join(root, ...entry.relativePath.split('/'));
    if (!target.startsWith(root + path.sep))
      throw new DlthubError('Api', `Package entry "${entry.relativePath}" points outside the run directory.`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (entry.linkname !== undefined) {
      const resolved = path.resolve(path.dirname(target), entry.linkname);
      if (!resolved.startsWith(root + path.sep)) continue;
      fs.symlinkSync(entry.linkname, target);
    } else {
      fs.writeFileSync(target, entry.content, { mode: entry.mode || 0o644 });
    }
  }
}

export async function prepareRunDirectory(
  source: RunSource,
  options: { runsDir: string; runId: string },
): Promise<PreparedRunDirectory> {
  if (source.kind === 'workspace') {
    if (!fs.statSync(source.dir, { throwIfNoEntry: false })?.isDirectory())
      throw new DlthubError('NotFound', `Workspace directory ${source.dir} does not exist.`);
    return { dir: source.dir, created: false };
  }
  const dir = path.join(options.runsDir, options.runId);
  fs.mkdirSync(dir, { recursive: true });
  const code = await readPackage(source.code);
  // `.dlt/` never ships in a code package; the configuration package is the one source of it.
  writeEntries(
    dir,
    code.entries.filter((entry) => !entry.relativePath.startsWith('.dlt/')),
  );
  const dltDir = path.join(dir, '.dlt');
  fs.mkdirSync(dltDir, { recursive: true });
  if (source.configuration) {
    const configuration = await readPackage(source.configuration);
    writeEntries(
      dltDir,
      configuration.entries.map((entry) => ({ ...entry, relativePath: entry.relativePath.replace(/^\.dlt\//, '') })),
    );
  }
  for (const [name, text] of Object.entries(source.configurationFiles ?? {})) {
    // Plain names only: a configuration file never lives outside `.dlt/` or in a subfolder of it.
    if (name !== path.basename(name) || name.startsWith('.'))
      throw new DlthubError('Api', `Configuration file name "${name}" is not a plain file name.`);
    fs.writeFileSync(path.join(dltDir, name), text, { mode: 0o600 });
  }
  fs.writeFileSync(path.join(dltDir, '.workspace'), '');
  return { dir, created: true };
}
