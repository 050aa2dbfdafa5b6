/** `dlthub show` (= `workspace show`) against a real control-plane process: the workspace page's URL, printed or opened. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loggedIn, type Sandbox, sandbox, sharedPlatform } from './harness';

jest.setTimeout(60_000);

const platform = sharedPlatform('dlthub-e2e-show-');
let connected: Sandbox;
let workspaceId: string;
let pageUrl: string;

beforeAll(async () => {
  connected = sandbox(platform.root, 'connected', platform.plane.url, 'git@example.test:acme/show.git');
  loggedIn(connected);
  const connect = await connected.runJson(['workspace', 'connect', 'marketing', '--org-id', platform.orgs.acme]);
  workspaceId = connect.workspace.id;
  pageUrl = `${platform.plane.url}/ui/workspaces/${workspaceId}`;
});

describe('dlthub show', () => {
  it('--no-browser prints the URL of the workspace page, which the control plane serves behind sign-in', async () => {
    for (const args of [
      ['show', '--no-browser'],
      ['workspace', 'show', '--no-browser'],
    ]) {
      const result = await connected.run(args);
      expect(result).toMatchObject({ code: 0, stdout: `${pageUrl}\n`, stderr: '' });
    }
    const page = await fetch(pageUrl, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/ui/workspaces/${workspaceId}`)}`);
  });

  it('--json prints { url } and opens nothing', async () => {
    const opened = path.join(platform.root, 'opened-json');
    const json = await connected.runJson(['show'], { env: { BROWSER: recordingOpener(opened) } });
    expect(json).toEqual({ url: pageUrl });
    expect(fs.existsSync(opened)).toBe(false);
  });

  it("without flags it opens the page with login's opener ($BROWSER) and prints the URL", async () => {
    const opened = path.join(platform.root, 'opened');
    const result = await connected.run(['show'], { env: { BROWSER: recordingOpener(opened) } });
    expect(result).toMatchObject({ code: 0, stdout: `${pageUrl}\n` });
    expect(fs.readFileSync(opened, 'utf8')).toBe(`${pageUrl}\n`);
    // An opener that fails is a warning: the printed URL is still there to open by hand.
    const failed = await connected.run(['show'], { env: { BROWSER: path.join(platform.root, 'no-such-browser') } });
    expect(failed).toMatchObject({ code: 0, stdout: `${pageUrl}\n` });
    expect(failed.stderr).toContain('warning: Could not open a browser');
  });

  it('without a connected workspace it fails with the hint to connect', async () => {
    const loose = sandbox(platform.root, 'loose', platform.plane.url);
    for (const args of [['show'], ['workspace', 'show', '--no-browser']]) {
      const result = await loose.run(args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /error: This workspace is not connected to a remote workspace \(no \[runtime\] workspace_id\)\.\nhint: Run `dlthub workspace connect` first/,
      );
    }
  });
});

/** A `$BROWSER` that writes the URL it is given to `file`, as a real opener would receive it. */
function recordingOpener(file: string): string {
  const script = `${file}.sh`;
  fs.writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" > '${file}'\n`, { mode: 0o755 });
  return script;
}
