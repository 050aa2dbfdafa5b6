import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumExecutable, launchChromium, SYSTEM_CHROMIUM } from './index';

describe('headless Chromium for tests', () => {
  it('CHROMIUM_PATH wins and must exist', async () => {
    await expect(chromiumExecutable({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow(
      'CHROMIUM_PATH points at /nonexistent/chromium',
    );
    await expect(chromiumExecutable({ CHROMIUM_PATH: process.execPath })).resolves.toBe(process.execPath);
  });

  it('without CHROMIUM_PATH the system browser is used when present', async () => {
    await expect(chromiumExecutable({}, process.execPath)).resolves.toBe(process.execPath);
  });

  it('without a system browser the build shipped on npm is unpacked and runs', async () => {
    const shipped = await chromiumExecutable({}, '/nonexistent/chromium');
    expect(shipped).not.toBe(SYSTEM_CHROMIUM);
    expect(execFileSync(shipped, ['--version']).toString()).toMatch(/^Chromium \d+/);
  }, 120_000);

  it('the browser it launches renders and clicks a page served on 127.0.0.1', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<title>t</title><button onclick="document.title = \'clicked\'">go</button>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.click('button');
      expect(await page.title()).toBe('clicked');
    } finally {
      await browser.close();
      server.close();
    }
  }, 120_000);
});
