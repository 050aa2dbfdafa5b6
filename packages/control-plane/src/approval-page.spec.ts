import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { chromium, type Browser } from 'playwright-core';
import { api, demoSeed, tempDir } from './__fixtures__/harness';
import { startProcess } from './__fixtures__/process';
import type { SpawnedControlPlane } from './spawn';

/** Debian's chromium (installed by .ci/run when missing); CHROMIUM_PATH overrides. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('device approval page in headless Chromium', () => {
  let browser: Browser;
  let plane: SpawnedControlPlane;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('cp-browser-');
    cleanup = temp.cleanup;
    const seedFile = join(temp.dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
    plane = await startProcess([
      '--data-dir',
      join(temp.dir, 'data'),
      '--seed',
      seedFile,
      '--poll-interval',
      '1',
      '--quiet',
    ]);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await plane?.stop();
    cleanup();
  });

  it('a person signs in, types the code and approves; the device then gets a working token', async () => {
    const code = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    const page = await browser.newPage();
    await page.goto(code.verification_uri);
    // Not signed in yet: the sign-in form comes first, then back to the device page.
    await page.fill('#username', 'alice');
    await page.click('#sign-in');
    await page.waitForSelector('#user_code');
    expect(await page.textContent('#signed-in-user')).toBe('alice');
    await page.fill('#user_code', code.user_code.toLowerCase());
    await page.click('#approve');
    expect(await page.textContent('#result')).toContain('Device approved');

    const token = await api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: code.device_code } });
    expect(token.status).toBe(200);
    const me = await api(plane.url, 'GET', apiPaths.me(), { token: token.body.access_token });
    expect(me.body.user.username).toBe('alice');
    await page.close();
  });

  it('Deny from the prefilled link ends the flow with access_denied', async () => {
    const code = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    const page = await browser.newPage();
    await page.goto(code.verification_uri_complete);
    await page.fill('#username', 'bob');
    await page.click('#sign-in');
    expect(await page.inputValue('#user_code')).toBe(code.user_code);
    await page.click('#deny');
    expect(await page.textContent('#result')).toContain('Request denied');
    const token = await api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: code.device_code } });
    expect(token.body).toMatchObject({ error: 'access_denied' });
    await page.close();
  });

  it('a page on another origin cannot approve a device code, directly or through a redirect (Origin: null)', async () => {
    const code = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    // The attacker's site: another origin on 127.0.0.1 whose pages auto-submit an approval form.
    const attackerPage = (action: string) => `<!doctype html><html><body>
<form id="f" method="post" action="${action}"><input name="user_code" value="${code.user_code}"><input name="action" value="approve"></form>
<script>document.getElementById('f').submit()</script></body></html>`;
    const attacker = createServer((req, res) => {
      if (req.url === '/bounce') {
        res.writeHead(307, { location: `${plane.url}/device` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(attackerPage(req.url === '/via-redirect' ? '/bounce' : `${plane.url}/device`));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    try {
      // The victim is signed in on the control plane in this browser.
      const page = await context.newPage();
      await page.goto(`${plane.url}/login`);
      await page.fill('#username', 'alice');
      await page.click('#sign-in');
      await page.waitForSelector('#user_code');
      for (const path of ['/direct', '/via-redirect']) {
        const response = page.waitForResponse(
          (r) => r.url() === `${plane.url}/device` && r.request().method() === 'POST',
        );
        await page.goto(`${attackerUrl}${path}`);
        expect((await response).status()).toBe(403);
      }
      const token = await api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: code.device_code } });
      expect(token.body).toMatchObject({ error: 'authorization_pending' });
    } finally {
      await context.close();
      attacker.close();
    }
  });
});
