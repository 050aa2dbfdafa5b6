import { spawn } from 'node:child_process';

export type OpenBrowser = (url: string) => Promise<void>;

/** The platform opener: `$BROWSER` when set (as gh does), else `open` / `cmd /c start` / `xdg-open`. */
function openerCommand(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

/**
 * Opens a URL in the user's browser. Resolves once the opener exited 0; rejects (never crashes
 * the process) when it is missing or fails — `spawn` reports ENOENT as an 'error' event, which
 * kills the process when nobody listens (sindresorhus/open users hit "spawn xdg-open ENOENT").
 */
export function systemBrowserOpener(
  env: Record<string, string | undefined> = process.env,
  platform = process.platform,
): OpenBrowser {
  return (url) =>
    new Promise<void>((resolve, reject) => {
      const scheme = new URL(url).protocol;
      if (scheme !== 'https:' && scheme !== 'http:') {
        reject(new Error(`refusing to open a ${scheme} URL`));
        return;
      }
      const [command, args] = openerCommand(url, env, platform);
      let child;
      try {
        child = spawn(command, args, { stdio: 'ignore', detached: platform !== 'win32' });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(`cannot start ${command}`));
        return;
      }
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
      child.unref();
    });
}
