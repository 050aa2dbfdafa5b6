/** Smoke check of the config benchmark's generator (the benchmark itself runs with `npm run bench`). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkspace } from '@dlthub/config-core';
import { parseEverything, resolveEverything } from './config-bench';
import { benchRegistry, generateWorkspace } from './generate-workspace';

describe('config benchmark workspace', () => {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
  afterAll(() => fs.rmSync(baseDir, { recursive: true, force: true }));
  const workspace = generateWorkspace(baseDir, 12);

  it('resolves every destination of every profile, with env overrides and native strings', () => {
    expect(resolveEverything(workspace)).toEqual({ destinations: 48, fields: 368 });
    const prod = openWorkspace({
      cwd: workspace.rootDir,
      env: workspace.env,
      globalDir: workspace.globalDir,
      profile: 'prod',
      registry: benchRegistry(),
    });
    expect(prod.destinationNames()).toHaveLength(12);
    const first = prod.resolveDestination('dest_000');
    expect(first.credentials.password).toMatchObject({ value: 'pw0', matchedKey: 'destination.dest_000.credentials' });
    // The string sets a non-default port (5433), so it wins over DESTINATION__DEST_000__CREDENTIALS__PORT.
    expect(first.credentials.port).toMatchObject({ value: 5433, provider: 'secrets.toml' });
    const duck = prod.resolveDestination('dest_010');
    expect(duck.config.create_indexes).toMatchObject({ value: false, provider: 'Environment Variables' });
    expect(duck.credentials.extensions.value).toEqual(['spatial', 'httpfs']);
    expect(first.config.create_indexes).toMatchObject({ value: true, provider: 'Environment Variables' });
    expect(prod.resolveDestination('dest_002').credentials.role.value).toBe('ROLE_PROD');
  });

  it('lists the same files openWorkspace reads for the baseline', () => {
    const dev = openWorkspace({
      cwd: workspace.rootDir,
      env: workspace.env,
      globalDir: workspace.globalDir,
      profile: 'dev',
    });
    expect(
      dev.files
        .filter((file) => file.exists)
        .map((file) => file.path)
        .sort(),
    ).toEqual([...workspace.filesByProfile.dev].sort());
    expect(parseEverything(workspace)).toBeGreaterThan(0);
  });
});
