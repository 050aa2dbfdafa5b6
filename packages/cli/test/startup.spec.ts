/**
 * What the built binary loads on its start-up paths (the files, not the time: speed is tools/bench's).
 * `--version` is main.js alone; reading configuration stays out of extras.js and never loads zod.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from './helpers';
import { BIN, sandbox, writeWorkspace } from './helpers';

/** Runs the binary with a preload that records every module request; returns them with stdout. */
function requestsOf(box: Sandbox, args: string[]): { stdout: string; requests: string[] } {
  const hook = path.join(box.globalDir, 'record-requests.js');
  const log = path.join(box.globalDir, 'requests.json');
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const load = Module._load;
const requests = [];
Module._load = function (request, ...rest) { requests.push(request); return load.call(this, request, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(requests)));
`,
  );
  const result = spawnSync(process.execPath, ['-r', hook, BIN, ...args], {
    cwd: box.dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: box.globalDir, DLTHUB_GLOBAL_DIR: box.globalDir },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return {
    stdout: result.stdout,
    requests: (JSON.parse(fs.readFileSync(log, 'utf8')) as string[]).filter((request) => !request.startsWith('node:')),
  };
}

describe('start-up paths of the built binary', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box);
  });
  afterEach(() => box.cleanup());

  it('--version loads nothing beyond dist/main.js', () => {
    const { stdout, requests } = requestsOf(box, ['--version']);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(requests).toEqual([BIN, '../dist/main.js']);
  });

  it('config get loads the run and config-core bundles only: no extras, no zod, no package from node_modules', () => {
    const { stdout, requests } = requestsOf(box, ['config', 'get', 'runtime.log_level']);
    expect(stdout).toBe('WARNING\n');
    expect([...new Set(requests)]).toEqual([BIN, '../dist/main.js', './run.js', './config-core.js']);
  });

  it('a command that needs the registry loads extras.js, and the destination plugins from their packages', () => {
    const { stdout, requests } = requestsOf(box, ['destination', 'list']);
    expect(stdout).toMatch(/^duckdb - /m);
    expect(requests).toContain('./extras.js');
    expect(requests).toContain('@dlthub/destination-duckdb');
  });
});
