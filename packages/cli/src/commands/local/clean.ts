/**
 * `dlthub local clean`: delete and recreate the active profile's local data and pipeline state dirs,
 * after confirmation. Refuses a dir that is the workspace, its settings dir, or outside the workspace (dlt).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from '../../context';
import { core } from '../../core';

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  const workspace = context.requireWorkspace();
  const { DlthubError } = core();
  const dirs = [
    ...(options.skipLocalDataDir ? [] : [{ dir: workspace.localDir, what: 'locally loaded data' }]),
    { dir: workspace.dataDir, what: 'pipeline working folders' },
  ];
  for (const { dir, what } of dirs) {
    const root = fs.existsSync(workspace.rootDir) ? fs.realpathSync(workspace.rootDir) : workspace.rootDir;
    const real = fs.existsSync(dir) ? fs.realpathSync(dir) : path.resolve(dir);
    if (real === root || real === workspace.settingsDir || !isInside(root, real)) {
      throw new DlthubError(
        'WriteRefused',
        `Refusing to clean ${dir} (${what}): it is not a folder inside the workspace.`,
        {
          hint: 'Check [workspace.settings] working_dir / local_dir and DLT_DATA_DIR / DLT_LOCAL_DIR; clean that folder by hand if you mean it.',
        },
      );
    }
  }
  const { out } = context;
  const shown = dirs.map(({ dir, what }) => ({
    path: path.relative(workspace.rootDir, dir).split(path.sep).join('/'),
    what,
  }));
  out.info(`Will delete the contents of, for profile ${workspace.profile}:`);
  for (const entry of shown) out.info(`- ${entry.path} (${entry.what})`);
  const proceed = await context.confirm('Do you want to proceed?');
  if (!proceed) throw new DlthubError('Cancelled', 'Cancelled: nothing was deleted.');
  for (const { dir } of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  out.result({ profile: workspace.profile, cleaned: shown }, () => []);
  out.info('Done.');
}
