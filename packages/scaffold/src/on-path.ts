import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether an executable named `command` is on `PATH` (dlthub init's "uv detected" check). */
export function isOnPath(command: string, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      try {
        const candidate = path.join(dir, command + extension);
        if (fs.statSync(candidate).isFile()) {
          fs.accessSync(candidate, fs.constants.X_OK);
          return true;
        }
      } catch {
        // not here; keep looking
      }
    }
  }
  return false;
}
