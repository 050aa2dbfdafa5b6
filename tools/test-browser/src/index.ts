/**
 * Headless Chromium for the browser tests, so that `npm test` needs nothing installed by hand.
 * Where the browser comes from, first match wins: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, else the build
 * that the `@sparticuz/chromium` npm package ships (decompressed into the temp dir on first use).
 * A browser that cannot start fails the test with the reason; nothing is skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for this closed network: without the background-networking ones Chromium keeps dialling out and stalls. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  systemChromium = SYSTEM_CHROMIUM,
): Promise<string> {
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH points at ${chosen}, which does not exist.`);
    return chosen;
  }
  if (existsSync(systemChromium)) return systemChromium;
  return unpackShippedChromium();
}

/** The npm build is an ES module; a child node unpacks it, so test runners that load CommonJS need not import it. */
async function unpackShippedChromium(): Promise<string> {
  const script =
    "import('@sparticuz/chromium').then(async (m) => process.stdout.write(await m.default.executablePath()))";
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: __dirname });
  return stdout.trim();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutable(), headless: true, args: [...CHROMIUM_ARGS] });
}

/** A browser with its own fresh profile directory (`--user-data-dir`), as a new user's browser would be. */
export async function launchChromiumWithProfile(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: await chromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}
